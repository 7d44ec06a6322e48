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
import dev.gctyping.report.TimelineRecorder;
import dev.gctyping.simulator.FaultPlan;
import dev.gctyping.simulator.SimulatorConfig;
import dev.gctyping.support.Durations;
import dev.gctyping.trace.TraceMerger;
import dev.gctyping.trace.TraceSpan;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The replay job: a dry run on the trace's own clock, or a replay over a dialect to the target (an
 * embedded simulator unless configured) with the delivery proof. The NDJSON records stream to
 * {@code out}: the payloads as they are sent (if asked), one record per (conversation, agent), the
 * summary.
 */
public final class Replay {
    /** Conversations that get a real guest on the Guest API (latency is sampled on them). */
    private static final int OBSERVING_GUESTS = 200;

    private final Environment environment;
    private final Targets targets;
    private final PrintWriter out;
    private final ProgressReporter progress;
    private Consumer<OpenTarget> targetOpened = open -> {};

    public Replay(Environment environment, Targets targets, PrintWriter out, ProgressReporter progress) {
        this.environment = environment;
        this.targets = targets;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Hands the target to {@code listener} as soon as a replay over the wire opened it, before anything
     * is sent (e.g. to say where the simulator's live guest page is); it may refuse the target by
     * throwing {@link IllegalArgumentException}.
     */
    public Replay whenTargetOpens(Consumer<OpenTarget> listener) {
        this.targetOpened = listener;
        return this;
    }

    /**
     * @throws IllegalArgumentException a fault spec that does not parse
     * @throws IOException a trace that cannot be read
     */
    public ReplayResult run(ReplayRequest request) throws IOException, InterruptedException {
        FaultPlan faults =
                request.faults().isEmpty() ? FaultPlan.NONE : FaultPlan.parse(request.faults(), request.faultSeed());
        return request.dryRun() ? dryRun(request) : overTheWire(request, faults);
    }

    private ReplayResult dryRun(ReplayRequest request) throws IOException, InterruptedException {
        TimelineRecorder recorder = request.recordTimelines() ? new TimelineRecorder(request.pauseThresholdMs()) : null;
        PlannedWire.SendListener sends = sends(request, recorder);
        PayloadSink sink = sends == null
                ? PayloadSink.NONE
                : new PlannedWire(request.dialect().plan(request.plan()), sends);
        if (recorder != null) {
            sink = sink.showingSignalsTo(recorder);
        }
        // the dry run's guest view is the recorder's model: the metrics need no composing truth
        Replayer replayer = new Replayer(request.engine(), sink, new EngagementMetrics());
        if (recorder != null) {
            replayer.tap(recorder);
        }
        try (TraceMerger trace = open(request, replayer.engine())) {
            ReplayProgress running = progressOf(request, trace);
            ReplayStats stats;
            try (ProgressReporter.Showing shown = progress.start(running)) {
                stats = replayer.run(trace, running);
            }
            // printed as rendered: 100 000 records are held only when thresholds or a report read them back
            List<String> records = new ArrayList<>();
            ParallelRecords.forEach(replayer.metrics().sorted(replayer.engine(), MetricsExtension.NONE), record -> {
                out.println(record);
                if (request.keepRecords()) {
                    records.add(record);
                }
            });
            String summary = ReplaySummary.of(trace, replayer.engine(), stats)
                    .field("complete", stats.complete())
                    .toString();
            out.println(summary);
            return ReplayResult.dry(
                    stats.elapsedMs(),
                    !stats.complete(),
                    summary,
                    records,
                    recorder == null
                            ? null
                            : () -> recorder.timelines(
                                    TimelineRecorder.Agents.of(replayer.engine()), handle -> Optional.empty()));
        }
    }

    /** Where the plan's sends go besides the wire: {@code --print-payloads} and a report's recorder; null for nowhere. */
    private PlannedWire.SendListener sends(ReplayRequest request, TimelineRecorder recorder) {
        PlannedWire.SendListener printer = request.printPayloads() ? printer(request) : null;
        if (recorder == null) {
            return printer;
        }
        return printer == null ? recorder : printer.andThen(recorder);
    }

    private ReplayResult overTheWire(ReplayRequest request, FaultPlan faults) throws IOException, InterruptedException {
        TraceMerger.requireReadable(request.files()); // before the simulator starts, as the dry run does
        OptionalLong span = request.unpaced()
                ? OptionalLong.empty()
                : TraceSpan.of(request.files(), request.format(), request.maxLineBytes());
        String pace = request.unpaced() ? null : pace(request, span);
        Pacer pacer = request.unpaced() ? Pacer.UNPACED : new Pacer(request.speed());
        SimulatorConfig embedded = SimulatorConfig.defaults()
                .withFaults(faults)
                // the simulated platform sees the trace's own pace: its per-minute limit scales with the speed
                .withRequestsPerMinute(
                        request.unpaced()
                                ? Integer.MAX_VALUE
                                : (int) Math.min(
                                        Integer.MAX_VALUE,
                                        Math.ceil(PlatformLimits.REQUESTS_PER_MINUTE * request.speed())));
        try (OpenTarget open = targets.open(request.target(), embedded)) {
            if (!faults.specs().isEmpty() && !open.isEmbeddedSimulator()) {
                throw new IllegalArgumentException("--fault applies to the embedded simulator only; "
                        + "start `gctyping simulate --fault …` to inject faults into a separate one");
            }
            targetOpened.accept(open);
            WireReplay.Options options = new WireReplay.Options(
                    request.dialect(),
                    request.engine(),
                    pacer,
                    request.queueLimit(),
                    request.plan(),
                    request.pauseThresholdMs(),
                    OBSERVING_GUESTS,
                    request.enrich());
            TimelineRecorder recorder =
                    request.recordTimelines() ? new TimelineRecorder(request.pauseThresholdMs()) : null;
            PlannedWire.SendListener sends = sends(request, recorder);
            try (WireReplay replay = new WireReplay(open, options, sends == null ? (agent, send) -> {} : sends);
                    TraceMerger trace = open(request, replay.engine())) {
                if (recorder != null) {
                    replay.tap(recorder);
                    replay.tapSignals(recorder);
                }
                if (pace != null) {
                    LoggerFactory.getLogger(Replay.class).info(pace);
                }
                ReplayProgress running = progressOf(request, trace);
                running.overTheWire(replay.delivered(), replay::pending, pacer, span.orElse(-1));
                WireReplay.Outcome outcome;
                try (ProgressReporter.Showing shown = progress.start(running)) {
                    outcome = replay.run(trace, running);
                }
                outcome.records().forEach(out::println);
                out.println(outcome.summary());
                out.flush();
                return new ReplayResult(
                        true,
                        outcome.conversations(),
                        outcome.violations(),
                        outcome.guestTruthAvailable(),
                        outcome.stats().elapsedMs(),
                        outcome.totals().lost(),
                        !outcome.stats().complete(),
                        outcome.summary(),
                        outcome.records(),
                        recorder == null
                                ? null
                                : () -> recorder.timelines(
                                        TimelineRecorder.Agents.of(replay.engine()), outcome.guestVisible()),
                        outcome.faultsInjected());
            }
        }
    }

    /** How long a paced replay will take, said before it starts: at speed 1 it is silent for the trace's whole span. */
    private static String pace(ReplayRequest request, OptionalLong span) {
        String speed = BigDecimal.valueOf(request.speed()).stripTrailingZeros().toPlainString();
        return (span.isPresent()
                        ? "replaying " + Durations.describe(span.getAsLong()) + " of trace time at speed " + speed
                                + " (about " + Durations.describe(Math.round(span.getAsLong() / request.speed())) + ")"
                        : "replaying at speed " + speed + ": as long as the trace lasts, read as it comes")
                + "; --speed max replays as fast as the target allows";
    }

    /** {@code --print-payloads}: each send as the dialect puts it on the wire, one line each. */
    private PlannedWire.SendListener printer(ReplayRequest request) {
        return (agent, send) ->
                out.append(request.dialect().render(agent, send)).append('\n');
    }

    private TraceMerger open(ReplayRequest request, TypingEngine engine) throws IOException {
        return TraceMerger.open(
                request.files(),
                request.format(),
                request.maxLineBytes(),
                request.invalidLines(),
                engine::agent,
                environment.stdin());
    }

    private static ReplayProgress progressOf(ReplayRequest request, TraceMerger trace) throws IOException {
        long total = 0;
        for (String file : request.files()) {
            if (!file.equals(TraceMerger.STDIN)) {
                total += Files.size(Path.of(file));
            }
        }
        return new ReplayProgress(trace::bytesRead, total);
    }
}
