package dev.gctyping.cli;

import dev.gctyping.app.Auth;
import dev.gctyping.app.Environment;
import dev.gctyping.app.Targets;
import dev.gctyping.client.AccessToken;
import dev.gctyping.protocol.IsoMillis;
import dev.gctyping.support.JsonLine;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gctyping auth}: gets (or reuses) an OAuth token for the configured target. */
@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Get an OAuth client-credentials token for the target and print one NDJSON record.",
        description = {
            "Authenticates against the configured target (flags > GENESYSCLOUD_* environment > ~/.gctyping/config > "
                    + "an embedded simulator, said on stderr) with HTTP Basic client credentials, as Genesys' own clients do. "
                    + "Tokens are cached in ~/.gctyping/tokens (mode 600) and reused until 60 s before they expire.",
            "",
            "stdout: {\"event\":\"token\",\"environment\":…,\"tokenType\":…,\"expiresIn\":<seconds left>,"
                    + "\"expiresAt\":…,\"cached\":…}. The token itself is printed only with --show-token; it is never logged.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping auth                                  # embedded simulator",
            "  GENESYSCLOUD_OAUTHCLIENT_SECRET=… gctyping auth --region eu-west-1 --client-id 3f1c…",
            "  gctyping auth -p prod --check && echo credentials ok",
            "  gctyping auth --target http://127.0.0.1:8080 --show-token",
        })
public final class AuthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Option(
            names = "--check",
            description =
                    "Print nothing; request a new token (ignoring the cache) and exit 0 if it works, 77 if refused.")
    boolean check;

    @Option(names = "--show-token", description = "Add the access token to the record (careful: it is a credential).")
    boolean showToken;

    private final Environment environment;

    public AuthCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        IgnoredOptions.of(spec).reject(check, "--check", "--check prints nothing", "--show-token");
        Auth.Result result = new Auth(new Targets(environment)).token(target.request(), check);
        if (check) {
            return result.token().isPresent() ? ExitCodes.OK : ExitCodes.NO_PERMISSION;
        }
        AccessToken token = result.token().orElseThrow();
        JsonLine record = JsonLine.object()
                .field("event", "token")
                .field("environment", result.environment())
                .field("tokenType", token.tokenType())
                .field(
                        "expiresIn",
                        Math.max(
                                0,
                                Duration.between(environment.clock().instant(), token.expiresAt())
                                        .toSeconds()))
                .field("expiresAt", new IsoMillis().format(token.expiresAt().toEpochMilli()))
                .field("cached", token.cached());
        if (showToken) {
            record.field("token", token.value());
        }
        spec.commandLine().getOut().println(record);
        return ExitCodes.OK;
    }
}
