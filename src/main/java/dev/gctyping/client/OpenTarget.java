package dev.gctyping.client;

import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.protocol.SimulatorReport;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * A resolved, ready target and its clients: close it to stop the embedded simulator, if one was
 * started. The OAuth client and platform API share one HTTP client and one set of retry counters.
 */
public final class OpenTarget implements AutoCloseable {
    private final Target target;
    private final LocalSimulator embedded;
    private final RetryingHttp http;
    private final OAuthClient oauth;
    private final PlatformApi api;
    /** False for a run's view: closing it stops nothing. */
    private final boolean owner;

    OpenTarget(Target target, LocalSimulator embedded, RetryingHttp http, OAuthClient oauth) {
        this(target, embedded, true, http, oauth, new PlatformApi(oauth, http));
    }

    private OpenTarget(
            Target target,
            LocalSimulator embedded,
            boolean owner,
            RetryingHttp http,
            OAuthClient oauth,
            PlatformApi api) {
        this.owner = owner;
        this.target = target;
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
        return new OpenTarget(target.withRun(run), embedded, false, http, oauth, api.forRun(run));
    }

    public Target target() {
        return target;
    }

    /** Whether this process started the simulator (nothing was configured). */
    public boolean isEmbeddedSimulator() {
        return embedded != null;
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

    /**
     * The guest's truth: the embedded simulator's report, or a running simulator's
     * {@code GET /sim/report}, of this target's run if it names one; empty for a real org, which has
     * no such thing.
     */
    public Optional<SimulatorReport> simulatorReport() {
        if (embedded != null) {
            return Optional.of(embedded.report(target.run()));
        }
        if (!target.isSimulator()) {
            return Optional.empty();
        }
        URI uri = target.api(SimulatorApi.REPORT_PATH
                + (target.run() == null
                        ? ""
                        : "?" + SimulatorApi.RUN_PARAMETER + "="
                                + URLEncoder.encode(target.run(), StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(
                    () -> HttpRequest.newBuilder(uri)
                            .timeout(RetryingHttp.REQUEST_TIMEOUT)
                            .GET()
                            .build(),
                    "GET " + uri);
            return response.statusCode() == 200
                    ? Optional.of(Json.MAPPER.readValue(response.body(), SimulatorReport.class))
                    : Optional.empty();
        } catch (IOException | ClientException e) {
            LoggerFactory.getLogger(OpenTarget.class).warn("could not read the simulator's report: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (owner) {
            if (embedded != null) {
                embedded.close();
            }
            http.close();
        }
    }
}
