package dev.gctyping.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.DeliveryStats;
import dev.gctyping.dialect.Dialects;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerOpeningTest {
    private static final EngineSettings SETTINGS = new EngineSettings(250, 5_000);
    /** Two conversations open the trace; a third starts after the opening's second. */
    private static final String TRACE = "{\"ts\":0,\"conversationId\":\"c1\",\"agentId\":\"a1\"}\n"
            + "{\"ts\":10,\"conversationId\":\"c2\",\"agentId\":\"a2\"}\n"
            + "{\"ts\":2000,\"conversationId\":\"c3\",\"agentId\":\"a3\"}\n";

    @TempDir
    Path dir;

    /**
     * What a wire sees, in order; the opening's connections and preparations complete when the test
     * says so. Its transport records what reaches it.
     */
    private static final class Recorder implements PayloadTransport {
        final List<String> happened = new CopyOnWriteArrayList<>();
        /** Sends that reached the transport before the opening's connections and preparations were done. */
        final List<String> early = new CopyOnWriteArrayList<>();

        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<Void> prepared = new CompletableFuture<>();
        final CountDownLatch planned = new CountDownLatch(2);

        /** A wire as replays have one (the seed plan, which sends every payload) into this transport. */
        PayloadSink sink() {
            PlannedWire wire =
                    new PlannedWire(Dialects.SEED.plan(PlanSettings.forExpiry(5_000)), (agent, send) -> {}, this);
            return new PayloadSink.Forwarding(wire) {
                @Override
                public CompletableFuture<?> connectAhead(AgentState agent) {
                    happened.add("connect " + agent.conversationId());
                    return connected;
                }
            };
        }

        @Override
        public CompletableFuture<?> prepare(AgentState agent, WireSend send) {
            happened.add("prepare " + agent.conversationId());
            planned.countDown();
            return prepared;
        }

        @Override
        public void send(AgentState agent, WireSend send) {
            String what = (send.kind() == WireSend.Kind.TYPING_ON ? "On " : "Off ") + agent.conversationId();
            happened.add(what);
            if (!connected.isDone() || !prepared.isDone()) {
                early.add(what);
            }
        }

        @Override
        public CompletableFuture<?> open(String conversationId, CompletableFuture<?> guestReady) {
            return guestReady;
        }

        @Override
        public boolean drain(Duration timeout) {
            return true;
        }

        @Override
        public int pending() {
            return 0;
        }

        @Override
        public DeliveryStats delivery(AgentState agent) {
            return new DeliveryStats();
        }

        @Override
        public DeliveryStats delivered() {
            return new DeliveryStats();
        }

        @Override
        public String senderId(AgentState agent) {
            return agent.agentId();
        }

        @Override
        public int reconnects(String conversationId) {
            return 0;
        }

        @Override
        public void close() {}
    }

    @Test
    void aPacedReplayOfAFilePlansItsOpeningAndSendsOnlyOnceItsConnectionsAndPreparationsAreDone() throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.ndjson"), TRACE);
        Recorder sink = new Recorder();
        Replayer replayer = new Replayer(SETTINGS, sink.sink(), new EngagementMetrics());
        CompletableFuture<ReplayStats> run = new CompletableFuture<>();
        Thread replay = new Thread(() -> run.complete(replay(replayer, trace.toString())));
        replay.start();

        assertThat(sink.planned.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.happened)
                .as("the opening is planned, its sends prepared and held")
                .containsExactly("connect c1", "connect c2", "prepare c1", "prepare c2");
        sink.connected.complete(null);
        awaitWaiting(replay);
        sink.prepared.complete(null);

        assertThat(run.get(30, TimeUnit.SECONDS).complete()).isTrue();
        assertThat(sink.early)
                .as("nothing sent before the connections and preparations")
                .isEmpty();
        assertThat(sink.happened)
                .startsWith("connect c1", "connect c2", "prepare c1", "prepare c2", "On c1", "On c2")
                .contains("On c3")
                .as("a conversation after the opening connects as its first payload leaves")
                .doesNotContain("connect c3")
                .as("what comes after the opening is not held")
                .containsOnlyOnce("prepare c1", "prepare c2");
    }

    /** Until the replay thread waits (for the opening's preparations, when it works as it should) or has ended. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.isAlive()
                && thread.getState() != Thread.State.TIMED_WAITING
                && thread.getState() != Thread.State.WAITING
                && System.nanoTime() < deadline) {
            Thread.sleep(1); // polls the state it waits for
        }
    }

    @Test
    void standardInputMayBeLiveSoItsOpeningIsNotPlannedAhead() throws Exception {
        Recorder sink = new Recorder();
        Replayer replayer = new Replayer(SETTINGS, sink.sink(), new EngagementMetrics());

        assertThat(replay(replayer, TraceMerger.STDIN).complete()).isTrue();

        assertThat(sink.happened).noneMatch(line -> line.startsWith("connect") || line.startsWith("prepare"));
        assertThat(sink.happened).contains("On c1", "On c2", "On c3");
    }

    private static ReplayStats replay(Replayer replayer, String path) {
        try (TraceMerger merger = TraceMerger.open(
                List.of(path),
                TraceFormat.NDJSON,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                InvalidLinePolicy.FAIL,
                replayer.engine()::agent,
                new ByteArrayInputStream(TRACE.getBytes(StandardCharsets.UTF_8)))) {
            return replayer.run(merger, events -> {}, new Pacer(1e6));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
