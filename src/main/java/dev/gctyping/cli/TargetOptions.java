package dev.gctyping.cli;

import dev.gctyping.client.TargetRequest;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.Dialects;
import picocli.CommandLine.Option;

/**
 * Where a command talks to: the options every networked command mixes in. Precedence: these flags >
 * environment ({@code GENESYSCLOUD_REGION}, {@code GENESYSCLOUD_OAUTHCLIENT_ID},
 * {@code GENESYSCLOUD_OAUTHCLIENT_SECRET}) > profile file ({@code ~/.gctyping/config}) > an embedded
 * simulator. The secret has no flag, so it never lands in shell history or {@code ps}.
 */
public final class TargetOptions {
    @Option(
            names = "--target",
            paramLabel = "URL",
            description =
                    "A running simulator's HTTP URL, as `gctyping simulate` prints it (http:// only on loopback).")
    String targetUrl;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description =
                    "Genesys Cloud region: a domain (mypurecloud.ie) or AWS id (eu-west-1). Env: GENESYSCLOUD_REGION.")
    String region;

    @Option(
            names = {"-p", "--profile"},
            paramLabel = "NAME",
            description =
                    "Profile section of ~/.gctyping/config (mode 600): region or target, client_id, client_secret. "
                            + "Default: [default] if present.")
    String profile;

    @Option(
            names = "--dialect",
            paramLabel = "DIALECT",
            converter = DialectConverter.class,
            completionCandidates = DialectConverter.Names.class,
            description =
                    "How typing is sent: ${COMPLETION-CANDIDATES}. Default: agent-api (seed works only against the simulator).")
    Dialect dialect;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "OAuth client id. Env: GENESYSCLOUD_OAUTHCLIENT_ID. The secret has no flag: set "
                    + "GENESYSCLOUD_OAUTHCLIENT_SECRET or client_secret in the profile.")
    String clientId;

    /** The chosen dialect, or the default. */
    public Dialect dialect() {
        return dialect == null ? Dialects.DEFAULT : dialect;
    }

    public TargetRequest request() {
        return new TargetRequest(
                targetUrl,
                region,
                profile,
                clientId,
                dialect().refusedByRealRegions().orElse(null));
    }
}
