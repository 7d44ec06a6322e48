package dev.gctyping.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.Signal;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Records what happens, in order; connections open when the test says so. */
    private static final class Sink implements PayloadSink {
        final List<String> happened = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CountDownLatch asked = new CountDownLatch(2);

        @Override
        public CompletableFuture<?> connectAhead(AgentState agent) {
            happened.add("connect " + agent.conversationId());
            asked.countDown();
            return connected;
        }

        @Override
        public void typing(AgentState agent, Signal signal, long at) {
            happened.add("typing " + agent.conversationId());
        }

        @Override
        public void message(AgentState agent, String text, long at) {}
    }

    @Test
    void aPacedReplayOfAFileOpensTheOpeningsConnectionsBeforeItsFirstPayload() throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.ndjson"), TRACE);
        Sink sink = new Sink();
        Replayer replayer = new Replayer(SETTINGS, sink, new EngagementMetrics());
        CompletableFuture<ReplayStats> run = CompletableFuture.supplyAsync(() -> replay(replayer, trace.toString()));

        assertThat(sink.asked.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.happened)
                .as("nothing is sent while the opening's connections open")
                .containsExactly("connect c1", "connect c2");
        sink.connected.complete(null);

        assertThat(run.get(30, TimeUnit.SECONDS).complete()).isTrue();
        assertThat(sink.happened)
                .startsWith("connect c1", "connect c2", "typing c1", "typing c2")
                .contains("typing c3")
                .as("a conversation after the opening connects as its first payload leaves")
                .doesNotContain("connect c3");
    }

    @Test
    void standardInputMayBeLiveSoItsOpeningIsNotWaitedFor() throws Exception {
        Sink sink = new Sink();
        Replayer replayer = new Replayer(SETTINGS, sink, new EngagementMetrics());

        assertThat(replay(replayer, TraceMerger.STDIN).complete()).isTrue();

        assertThat(sink.happened).noneMatch(line -> line.startsWith("connect"));
        assertThat(sink.happened).contains("typing c1", "typing c2", "typing c3");
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
