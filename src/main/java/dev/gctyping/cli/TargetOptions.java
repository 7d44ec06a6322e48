package dev.gctyping.cli;

import dev.gctyping.protocol.Dialect;
import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.Sleeper;
import dev.gctyping.client.TargetConfig;
import dev.gctyping.client.TargetRequest;
import dev.gctyping.client.TargetResolver;
import dev.gctyping.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a command talks to: the options every networked command mixes in. Precedence: these flags >
 * environment ({@code GENESYSCLOUD_REGION}, {@code GENESYSCLOUD_OAUTHCLIENT_ID},
 * {@code GENESYSCLOUD_OAUTHCLIENT_SECRET}) > profile file ({@code ~/.gctyping/config}) > an embedded
 * simulator. The secret has no flag, so it never lands in shell history or {@code ps}.
 */
public final class TargetOptions {
    @Option(names = "--target", paramLabel = "URL",
            description = "A running simulator's HTTP URL, as `gctyping simulate` prints it (http:// only on loopback).")
    String targetUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Genesys Cloud region: a domain (mypurecloud.ie) or AWS id (eu-west-1). Env: GENESYSCLOUD_REGION.")
    String region;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME",
            description = "Profile section of ~/.gctyping/config (mode 600). Default: [default] if present.")
    String profile;

    @Option(names = "--dialect", paramLabel = "DIALECT", converter = DialectConverter.class,
            completionCandidates = DialectCandidates.class,
            description = "How typing is sent: ${COMPLETION-CANDIDATES}. Default: agent-api (seed works only against the simulator).")
    Dialect dialect;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth client id. Env: GENESYSCLOUD_OAUTHCLIENT_ID. The secret has no flag: set "
                    + "GENESYSCLOUD_OAUTHCLIENT_SECRET or client_secret in the profile.")
    String clientId;

    /** Java's user.home (used when the environment names neither GCTYPING_HOME nor HOME) and the environment; tests replace both. */
    Path home = Path.of(System.getProperty("user.home"));
    Map<String, String> env = System.getenv();

    /** These options as command-line arguments, to hand them on to another command. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        addIfSet(args, "--target", targetUrl);
        addIfSet(args, "--region", region);
        addIfSet(args, "--profile", profile);
        addIfSet(args, "--dialect", dialect == null ? null : dialect.cliName());
        addIfSet(args, "--client-id", clientId);
        return args;
    }

    private static void addIfSet(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    public TargetRequest request() {
        return new TargetRequest(targetUrl, region, profile, dialect, clientId);
    }

    /** Resolves and opens the target (starting an embedded simulator if nothing is configured). */
    public OpenTarget open() {
        return open(SimulatorConfig.defaults());
    }

    public OpenTarget open(SimulatorConfig embeddedConfig) {
        return new TargetResolver(new TargetConfig(home, env), Clock.systemUTC(), Sleeper.REAL).open(request(), embeddedConfig);
    }

    static final class DialectCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Dialect.values()).map(Dialect::cliName).iterator();
        }
    }
}
