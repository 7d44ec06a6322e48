package dev.gctyping.simulator;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 */
public final class Simulator implements AutoCloseable {
    /** Where the HTTP side serves the live guest page. */
    public static final String GUEST_PAGE = "/guest";

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final Faults faults;
    private final Conversations conversations;
    private final ScheduledExecutorService scheduler;
    private final SocketServer sockets;
    private final HttpApi http;
    private final URI wsUri;
    private boolean closed;

    private Simulator(SimulatorConfig config) throws IOException {
        LongSupplier clock = System::currentTimeMillis;
        this.faults = new Faults(config.faults());
        this.conversations = new Conversations(clock);
        TokenStore tokens = new TokenStore(config, faults, clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sim-faults");
            thread.setDaemon(true);
            return thread;
        });
        this.sockets = new SocketServer(config.host(), config.wsPort(), tokens, faults, conversations, scheduler, clock);
        try {
            sockets.startAndWait();
            this.wsUri = URI.create("ws://" + config.host() + ":" + sockets.getPort());
            this.http = new HttpApi(config, tokens, faults, conversations, this::report, () -> wsUri, clock);
        } catch (IOException | RuntimeException e) {
            stopSockets();
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** Starts both listeners and returns once both are bound. */
    public static Simulator start(SimulatorConfig config) throws IOException {
        Simulator simulator = new Simulator(config);
        LOG.info("simulator listening on {} and {} (client id {}, faults: {})", simulator.httpUri(), simulator.wsUri,
                config.clientId(), config.faults());
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

    /** The live guest page: a conversation as its customer sees it, in a browser. */
    public URI guestPageUri() {
        return httpUri().resolve(GUEST_PAGE);
    }

    /** What {@code GET /sim/report} serves: see {@link SimulatorReport} for the shape and definitions. */
    public SimulatorReport report() {
        List<SimulatorReport.ConversationReport> reports =
                conversations.all().stream().map(Conversation::report).toList();
        return new SimulatorReport(SimulatorJson.iso(System.currentTimeMillis()), faults.plan.specs(), faults.counts(),
                reports);
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
