package dev.gctyping.client;

import dev.gctyping.protocol.Dialect;
import dev.gctyping.simulator.Simulator;
import java.util.Optional;

/**
 * A resolved, ready target and its clients: close it to stop the embedded simulator, if one was
 * started. The OAuth client and platform API share one HTTP client and one set of retry counters.
 */
public final class OpenTarget implements AutoCloseable {
    private final Target target;
    private final Dialect dialect;
    private final Simulator embedded;
    private final RetryingHttp http;
    private final OAuthClient oauth;
    private final PlatformApi api;

    OpenTarget(Target target, Dialect dialect, Simulator embedded, RetryingHttp http, OAuthClient oauth) {
        this(target, dialect, embedded, http, oauth, new PlatformApi(oauth, http));
    }

    private OpenTarget(Target target, Dialect dialect, Simulator embedded, RetryingHttp http, OAuthClient oauth,
            PlatformApi api) {
        this.target = target;
        this.dialect = dialect;
        this.embedded = embedded;
        this.http = http;
        this.oauth = oauth;
        this.api = api;
    }

    /**
     * The same simulator target and clients, every socket and Platform API request naming {@code run}
     * ({@link Target#withRun}). A view: closing it stops nothing, the original still owns the simulator.
     */
    public OpenTarget forRun(String run) {
        return new OpenTarget(target.withRun(run), dialect, null, http, oauth, api.forRun(run));
    }

    public Target target() {
        return target;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The simulator this process started, when nothing was configured (its report is the guest's truth). */
    public Optional<Simulator> embeddedSimulator() {
        return Optional.ofNullable(embedded);
    }

    public OAuthClient oauth() {
        return oauth;
    }

    public PlatformApi api() {
        return api;
    }

    /** Request, retry and 429 counters of every HTTP call made through this target. */
    public RequestStats stats() {
        return http.stats();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
