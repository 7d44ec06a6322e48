package dev.gctyping.client;

import dev.gctyping.protocol.SimulatorApi;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the clients talk to, resolved: real Genesys Cloud in one region, or a gctyping simulator.
 * Holds the OAuth client's credentials; {@link #toString()} never shows the secret.
 */
public final class Target {
    private final String environment;
    private final URI loginBase;
    private final URI apiBase;
    private final URI guestSocketBase;
    private final URI seedSocketBase;
    private final String clientId;
    private final String clientSecret;
    /** The simulator run this target's requests name, or null (see {@link #withRun}). */
    private final String run;

    private Target(
            String environment,
            URI loginBase,
            URI apiBase,
            URI guestSocketBase,
            URI seedSocketBase,
            String clientId,
            String clientSecret,
            String run) {
        this.environment = environment;
        this.loginBase = loginBase;
        this.apiBase = apiBase;
        this.guestSocketBase = guestSocketBase;
        this.seedSocketBase = seedSocketBase;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.run = run;
    }

    /** Real Genesys Cloud: {@code login.}, {@code api.} and {@code webmessaging.} hosts of the region's domain, TLS only. */
    public static Target genesysCloud(String region, String clientId, String clientSecret) {
        String domain = Regions.domain(region);
        return new Target(
                domain,
                URI.create("https://login." + domain),
                URI.create("https://api." + domain),
                URI.create("wss://webmessaging." + domain + "/v1"),
                null,
                clientId,
                clientSecret,
                null);
    }

    /**
     * A gctyping simulator: one HTTP base for login and API, one WebSocket base for both socket
     * dialects. Plain http/ws is accepted only on loopback, so credentials never cross a network in clear.
     */
    public static Target simulator(URI httpUri, URI wsUri, String clientId, String clientSecret) {
        requireSafeScheme(httpUri, "http", "https");
        requireSafeScheme(wsUri, "ws", "wss");
        URI http = withoutTrailingSlash(httpUri);
        URI ws = withoutTrailingSlash(wsUri);
        return new Target(
                "simulator " + http.getAuthority(),
                http,
                http,
                URI.create(ws + "/v1"),
                ws,
                clientId,
                clientSecret,
                null);
    }

    /**
     * This simulator target with every socket and Platform API request naming {@code run}, so the
     * simulator keeps that run's conversations apart and reports them alone ({@code /sim/report?run=}).
     */
    public Target withRun(String run) {
        if (!isSimulator()) {
            throw new IllegalStateException("only a simulator knows runs, not " + environment);
        }
        return new Target(
                environment, loginBase, apiBase, guestSocketBase, seedSocketBase, clientId, clientSecret, run);
    }

    /** The run named by {@link #withRun}, or null. */
    public String run() {
        return run;
    }

    /** Refuses plain {@code plain://} to anything but loopback (before any byte is sent there). */
    static void requireSafeScheme(URI uri, String plain, String secure) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals(secure) || (scheme.equals(plain) && isLoopback(uri.getHost()))) {
            return;
        }
        throw new IllegalArgumentException(
                scheme.equals(plain)
                        ? "refusing " + plain + ":// to " + uri.getHost() + ": only loopback may skip TLS; use "
                                + secure + "://"
                        : "unsupported URL '" + uri + "': expected " + plain + ":// (loopback) or " + secure + "://");
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** The region's domain, or {@code simulator HOST:PORT}: names the environment in messages and keys the token cache. */
    public String environment() {
        return environment;
    }

    public boolean isSimulator() {
        return seedSocketBase != null;
    }

    public String clientId() {
        return clientId;
    }

    /** The OAuth client secret; only for the token request, never for messages or logs. */
    String clientSecret() {
        return clientSecret;
    }

    public URI tokenUri() {
        return URI.create(loginBase + "/oauth/token");
    }

    /** A platform API URL; {@code path} starts with {@code /api/v2/}. */
    public URI api(String path) {
        return URI.create(apiBase + path);
    }

    /** The Guest API socket: {@code wss://webmessaging.{domain}/v1?deploymentId=…&application=…}. */
    public URI guestSocket(String deploymentId, String application) {
        return URI.create(guestSocketBase + "?deploymentId=" + urlEncode(deploymentId) + "&application="
                + urlEncode(application) + runParameter("&"));
    }

    /**
     * The seed dialect's conversation socket. Only the simulator has it: Genesys Cloud has no such
     * endpoint (the seed tutorial invented it), so asking for it against a real region is an error.
     */
    public URI seedSocket(String conversationId) {
        if (!isSimulator()) {
            throw new IllegalArgumentException("the seed dialect only works against the gctyping simulator: "
                    + "Genesys Cloud (" + environment + ") has no /v1/conversations/{id}/websocket endpoint; "
                    + "use --dialect agent-api, or --target a simulator");
        }
        return URI.create(
                seedSocketBase + "/v1/conversations/" + urlEncode(conversationId) + "/websocket" + runParameter("?"));
    }

    private String runParameter(String separator) {
        return run == null ? "" : separator + SimulatorApi.RUN_PARAMETER + "=" + urlEncode(run);
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "Target[" + environment + ", clientId=" + clientId + ", clientSecret=****]";
    }
}
