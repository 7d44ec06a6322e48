package dev.gctyping.simulator;

import dev.gctyping.protocol.SimulatorApi;
import dev.gctyping.protocol.SimulatorReport;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Genesys Cloud stand-in: an HTTP listener (OAuth, Platform API, {@code /sim/*}) and a
 * WebSocket listener (seed socket, Guest API) on two ports, sharing one state. Used by
 * {@code gctyping simulate} and in-process by other commands and tests:
 * <pre>
 * try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
 *     URI api = sim.httpUri(); URI sockets = sim.wsUri();
 *     …
 *     SimulatorReport truth = sim.report();
 * }
 * </pre>
 * What nothing used for the config's idle expiry (conversations no socket holds, guest sessions,
 * tokens, empty runs) is forgotten by a sweep, so a long-running {@code simulate} stays bounded.
 */
public final class Simulator implements AutoCloseable {
    /** The HTTP header naming the run a Platform API request belongs to (see {@link #report(String)}). */
    public static final String RUN_HEADER = SimulatorApi.RUN_HEADER;
    /** The query parameter naming the run of a socket ({@code /v1?…&run=ID}) and of {@code /sim/report} and {@code /sim/reset}. */
    public static final String RUN_PARAMETER = SimulatorApi.RUN_PARAMETER;
    /** Where the HTTP side serves the live guest page. */
    public static final String GUEST_PAGE = SimulatorApi.GUEST_PAGE;

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    /** What {@link #reset(String)} forgot and closed. */
    public record Reset(int conversations, int sockets) {}

    private final SimulatorConfig config;
    private final LongSupplier clock;
    private final Faults faults;
    private final Runs runs;
    private final TokenStore tokens;
    private final ScheduledExecutorService scheduler;
    private final SocketServer sockets;
    private final HttpApi http;
    private final URI wsUri;
    private final AtomicLong expiredConversations = new AtomicLong();
    private final AtomicLong expiredSessions = new AtomicLong();
    private final AtomicLong expiredTokens = new AtomicLong();
    private final AtomicLong expiredRuns = new AtomicLong();
    private boolean closed;

    /** @param clock wall-clock milliseconds (tests pass their own to drive expiry) */
    Simulator(SimulatorConfig config, LongSupplier clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.faults = new Faults(config.faults());
        this.runs = new Runs(clock);
        this.tokens = new TokenStore(config, faults, clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sim-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.sockets = new SocketServer(config.host(), config.wsPort(), tokens, faults, runs, scheduler, clock);
        try {
            sockets.startAndWait();
            this.wsUri = URI.create("ws://" + config.host() + ":" + sockets.getPort());
            this.http = new HttpApi(config, tokens, faults, runs, this::report, this::reset, () -> wsUri, clock);
        } catch (IOException | RuntimeException e) {
            stopSockets();
            scheduler.shutdownNow();
            throw e;
        }
        // a quarter of the idle time late at most, and no busier than every 10 ms
        long sweepMs = Math.max(10, Math.min(config.idleExpiryMs() / 4, 60_000));
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        expireIdle();
                    } catch (RuntimeException e) {
                        LOG.error("idle expiry failed", e); // logged, or the executor would silently stop sweeping
                    }
                },
                sweepMs,
                sweepMs,
                TimeUnit.MILLISECONDS);
    }

    /** Starts both listeners on the system clock and returns once both are bound. */
    public static Simulator start(SimulatorConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts both listeners and returns once both are bound. {@code clock} is the platform's time:
     * token expiry, rate limits, idle expiry, the time of guests' messages and of requests without a
     * time of their own; tests pass one they move by hand.
     */
    public static Simulator start(SimulatorConfig config, Clock clock) throws IOException {
        Simulator simulator = new Simulator(config, clock::millis);
        LOG.info(
                "simulator listening on {} and {} (client id {}, faults: {})",
                simulator.httpUri(),
                simulator.wsUri,
                config.clientId(),
                config.faults());
        return simulator;
    }

    /** The HTTP base, e.g. {@code http://127.0.0.1:43121}: {@code /oauth/token}, {@code /api/v2/…}, {@code /sim/…}. */
    public URI httpUri() {
        return http.uri();
    }

    /** The WebSocket base, e.g. {@code ws://127.0.0.1:43122}: {@code /v1?deploymentId=…}, {@code /v1/conversations/…}. */
    public URI wsUri() {
        return wsUri;
    }

    /** The WebSocket listener itself, for tests that reach under the protocol. */
    SocketServer sockets() {
        return sockets;
    }

    /** The live guest page: a conversation as its customer sees it, in a browser. */
    public URI guestPageUri() {
        return httpUri().resolve(GUEST_PAGE);
    }

    /** What {@code GET /sim/report} serves: the shared space of requests that named no run. */
    public SimulatorReport report() {
        return report(null);
    }

    /**
     * What {@code GET /sim/report?run=ID} serves: the conversations of that run only (null: the shared
     * space); see {@link SimulatorReport} for the shape and definitions.
     */
    public SimulatorReport report(String run) {
        List<SimulatorReport.ConversationReport> reports =
                runs.conversations(run).stream().map(Conversation::report).toList();
        SimulatorReport.Expired expired = new SimulatorReport.Expired(
                config.idleExpiryMs(),
                expiredConversations.get(),
                expiredSessions.get(),
                expiredTokens.get(),
                expiredRuns.get());
        return new SimulatorReport(
                SimulatorJson.iso(clock.getAsLong()),
                run,
                faults.plan.specs(),
                faults.counts(),
                faults.injected(),
                expired,
                reports);
    }

    /** The runs the simulator knows now (clients named them and they have not expired), sorted. */
    public List<String> runs() {
        return runs.names();
    }

    /**
     * Forgets one run's conversations ({@code POST /sim/reset?run=ID}), or every run's and the expiry
     * counts (null); sockets working in them are closed with 1012 and reconnect into fresh ones. Tokens
     * and fault counts stay.
     */
    public Reset reset(String run) {
        List<Conversations> forgotten = runs.reset(run);
        int sockets = this.sockets.closeSpaces(forgotten);
        if (run == null) {
            expiredConversations.set(0);
            expiredSessions.set(0);
            expiredTokens.set(0);
            expiredRuns.set(0);
        }
        Reset reset = new Reset(forgotten.stream().mapToInt(Conversations::size).sum(), sockets);
        LOG.info(
                "simulator reset ({}): forgot {} conversation(s), closed {} socket(s)",
                run == null ? "every run" : "run " + run,
                reset.conversations(),
                reset.sockets());
        return reset;
    }

    /** One sweep: sessions first, since a live session keeps its conversation. */
    void expireIdle() {
        long now = clock.getAsLong();
        long idleMs = config.idleExpiryMs();
        int sessions = sockets.expireSessions(now, idleMs);
        long[] expired = runs.expire(now, idleMs, sockets.inUse());
        int forgottenTokens = tokens.expire(now, idleMs);
        expiredSessions.addAndGet(sessions);
        expiredConversations.addAndGet(expired[0]);
        expiredRuns.addAndGet(expired[1]);
        expiredTokens.addAndGet(forgottenTokens);
        if (sessions + expired[0] + expired[1] + forgottenTokens > 0) {
            LOG.debug(
                    "expired after {} ms idle: {} conversation(s), {} guest session(s), {} token(s), {} run(s)",
                    idleMs,
                    expired[0],
                    sessions,
                    forgottenTokens,
                    expired[1]);
        }
    }

    /** Stops both listeners and every thread the simulator started; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.close();
        stopSockets();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("simulator stopped");
    }

    private void stopSockets() {
        try {
            sockets.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
