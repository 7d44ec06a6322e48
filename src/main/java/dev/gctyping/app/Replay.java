package dev.gctyping.app;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.MetricsExtension;
import dev.gctyping.protocol.PlatformLimits;
import dev.gctyping.replay.Pacer;
import dev.gctyping.replay.ReplayStats;
import dev.gctyping.replay.ReplaySummary;
import dev.gctyping.replay.Replayer;
import dev.gctyping.replay.WireReplay;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The replay job: a dry run on the trace's own clock, or a replay over a dialect to the target (an
 * embedded simulator unless configured) with the delivery proof. The NDJSON records stream to
 * {@code out}: the payloads as they are sent (if asked), one record per (conversation, agent), the
 * summary.
 */
public final class Replay {
    /** Conversations that get a real guest on the Guest API (latency is sampled on them). */
    private static final int OBSERVING_GUESTS = 200;
    /** How long queued sends may still take (retries back off up to a minute) before they count as lost. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    private final Environment environment;
    private final Targets targets;
    private final PrintWriter out;
    private final ProgressReporter progress;

    public Replay(Environment environment, Targets targets, PrintWriter out, ProgressReporter progress) {
        this.environment = environment;
        this.targets = targets;
        this.out = out;
        this.progress = progress;
    }

    /**
     * @throws IllegalArgumentException a fault spec that does not parse
     * @throws IOException a trace that cannot be read
     */
    public ReplayResult run(ReplayRequest request) throws IOException, InterruptedException {
        FaultPlan faults = request.faults().isEmpty() ? FaultPlan.NONE : FaultPlan.parse(request.faults(), request.faultSeed());
        return request.dryRun() ? dryRun(request) : overTheWire(request, faults);
    }

    private ReplayResult dryRun(ReplayRequest request) throws IOException {
        PayloadSink printer = request.printPayloads()
                ? new PlannedWire(request.dialect().plan(request.plan()),
                        printer(request))
                : PayloadSink.NONE;
        Replayer replayer = new Replayer(request.engine(), printer, new EngagementMetrics());
        try (TraceMerger trace = open(request, replayer.engine())) {
            ReplayStats stats = replayer.run(trace, progress(request, trace));
            replayer.metrics().forEachRecord(replayer.engine(), MetricsExtension.NONE, out::println);
            out.println(ReplaySummary.of(trace, replayer.engine(), stats).toString());
            return ReplayResult.dry(stats.elapsedMs());
        }
    }

    private ReplayResult overTheWire(ReplayRequest request, FaultPlan faults) throws IOException, InterruptedException {
        Pacer pacer = request.unpaced() ? Pacer.UNPACED : new Pacer(request.speed());
        SimulatorConfig embedded = SimulatorConfig.defaults()
                .withFaults(faults)
                // the simulated platform sees the trace's own pace: its per-minute limit scales with the speed
                .withRequestsPerMinute(request.unpaced() ? Integer.MAX_VALUE
                        : (int) Math.min(Integer.MAX_VALUE, Math.ceil(PlatformLimits.REQUESTS_PER_MINUTE * request.speed())));
        try (OpenTarget open = targets.open(request.target(), embedded)) {
            if (!faults.specs().isEmpty() && !open.isEmbeddedSimulator()) {
                throw new IllegalArgumentException("--fault applies to the embedded simulator only; "
                        + "start `gctyping simulate --fault …` to inject faults into a separate one");
            }
            WireReplay.Options options = new WireReplay.Options(request.dialect(), request.engine(), pacer, request.queueLimit(),
                    request.plan(), request.pauseThresholdMs(), OBSERVING_GUESTS, DRAIN_TIMEOUT, request.enrich());
            PlannedWire.SendListener printer = request.printPayloads() ? printer(request) : (agent, send) -> { };
            try (WireReplay replay = new WireReplay(open, options, printer);
                    TraceMerger trace = open(request, replay.engine())) {
                WireReplay.Outcome outcome = replay.run(trace, progress(request, trace));
                outcome.records().forEach(out::println);
                out.println(outcome.summary());
                out.flush();
                return new ReplayResult(true, outcome.conversations(), outcome.violations(), outcome.guestTruthAvailable(),
                        outcome.stats().elapsedMs(), outcome.totals().lost(), !outcome.stats().complete());
            }
        }
    }

    /** {@code --print-payloads}: each send as the dialect puts it on the wire, one line each. */
    private PlannedWire.SendListener printer(ReplayRequest request) {
        return (agent, send) -> out.append(request.dialect().render(agent, send)).append('\n');
    }

    private TraceMerger open(ReplayRequest request, TypingEngine engine) throws IOException {
        return TraceMerger.open(request.files(), request.format(), request.invalidLines(), engine::agent, environment.stdin());
    }

    private LongConsumer progress(ReplayRequest request, TraceMerger trace) throws IOException {
        long total = 0;
        for (String file : request.files()) {
            if (!file.equals(TraceMerger.STDIN)) {
                total += Files.size(Path.of(file));
            }
        }
        return progress.start(trace::bytesRead, total);
    }
}
