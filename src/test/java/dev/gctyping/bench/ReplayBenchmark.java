package dev.gctyping.bench;

import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.replay.Replayer;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceEvent;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the replay path, warm, on a million events: the engine alone on in-memory events, parsing alone, and
 * the whole dry run (parse on one thread, engine + metrics on another) on a generated NDJSON file. Run with {@code bench/run.sh}; the
 * numbers are reported in the README, never asserted in tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplayBenchmark {
    /** As many events as the whole-process benchmark's trace, whose line shape this one copies. */
    private static final int EVENTS = 1_000_000;

    @Param({"2000"})
    int conversations;

    private long[] times;
    private int[] agents;
    private byte[] kinds;
    private Path trace;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        times = new long[EVENTS];
        agents = new int[EVENTS];
        kinds = new byte[EVENTS];
        trace = Files.createTempFile("gctyping-bench", ".ndjson");
        long t = 1_764_000_000_000L;
        try (Writer out = Files.newBufferedWriter(trace)) {
            for (int i = 0; i < EVENTS; i++) {
                t += random.nextInt(3);
                int conversation = random.nextInt(conversations);
                double roll = random.nextDouble();
                byte kind = (byte) (roll < 0.02 ? 1 : roll < 0.025 ? 2 : 0);
                times[i] = t;
                agents[i] = conversation;
                kinds[i] = kind;
                out.write(String.format(
                        "{\"ts\": %d, \"conversationId\": \"conv-%06d\", \"agentId\": \"agent-%05d\", \"event\": \"%s\", \"key\": \"k\"}\n",
                        t, conversation, conversation % 1500, kind == 0 ? "keystroke" : kind == 1 ? "send" : "blur"));
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(trace);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long engineOnly() {
        long[] payloads = new long[1];
        TypingEngine engine = new TypingEngine(EngineSettings.DEFAULTS, (agent, signal, at) -> payloads[0]++);
        for (int i = 0; i < conversations; i++) {
            engine.agent("conv-" + i, "agent-" + i);
        }
        for (int i = 0; i < EVENTS; i++) {
            switch (kinds[i]) {
                case 0 -> engine.keystroke(agents[i], times[i]);
                case 1 -> engine.send(agents[i], times[i]);
                default -> engine.blur(agents[i], times[i]);
            }
        }
        engine.finish();
        return payloads[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long parseOnly() throws IOException {
        TypingEngine engine = new TypingEngine(EngineSettings.DEFAULTS, (agent, signal, at) -> {});
        long sum = 0;
        try (TraceMerger merger = TraceMerger.open(
                List.of(trace.toString()),
                TraceFormat.AUTO,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                InvalidLinePolicy.FAIL,
                engine::agent,
                InputStream.nullInputStream())) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                sum += e.ts() + e.agent();
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long dryRunReplay() throws IOException {
        Replayer replayer = new Replayer(EngineSettings.DEFAULTS, PayloadSink.NONE, new EngagementMetrics());
        try (TraceMerger merger = TraceMerger.open(
                List.of(trace.toString()),
                TraceFormat.AUTO,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                InvalidLinePolicy.FAIL,
                replayer.engine()::agent,
                InputStream.nullInputStream())) {
            return replayer.run(merger, events -> {}).payloads();
        }
    }
}
