package dev.gctyping.app;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.replay.SettingsSweep;
import dev.gctyping.replay.SettingsSweep.Point;
import dev.gctyping.report.AgentTimeline;
import dev.gctyping.report.TimelineRecorder;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.RecordedTrace;
import dev.gctyping.trace.TraceFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The settings sweep: loads the trace once, models every point of a log-spaced grid of dedup
 * window × expiry through the dialect's plan, and recommends the point with the least stale + blind
 * time among those within the budget.
 */
public final class Tune {
    /** A range of durations in milliseconds, both ends included. */
    public record Range(long minMs, long maxMs) {}

    /**
     * @param steps log-spaced values per range
     * @param plan the dialect's plan settings (each point sets its own expiry); a point fits when its
     *     peak minute stays within the plan's budget
     */
    public record Request(
            List<String> files,
            TraceFormat format,
            int maxLineBytes,
            InvalidLinePolicy invalidLines,
            Range dedup,
            Range expiry,
            int steps,
            Dialect dialect,
            long pauseThresholdMs,
            PlanSettings plan,
            int threads) {}

    /** Every point in grid order, the recommended one, and what was read. */
    public record Result(
            List<Point> points,
            Point best,
            long events,
            long invalidLines,
            long elapsedMs,
            RecordedTrace trace,
            SettingsSweep sweep) {
        /** Each agent's timeline at the recommended point, replayed once more and recorded (for a report). */
        public List<AgentTimeline> timelinesOfBest(long pauseThresholdMs) {
            TimelineRecorder recorder = new TimelineRecorder(pauseThresholdMs);
            sweep.evaluate(best.settings(), recorder, recorder, recorder);
            return recorder.timelines(TimelineRecorder.Agents.of(trace), handle -> Optional.empty());
        }
    }

    private final Environment environment;

    public Tune(Environment environment) {
        this.environment = environment;
    }

    public Result run(Request request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<EngineSettings> grid = grid(request);
        RecordedTrace trace = RecordedTrace.load(
                request.files(), request.format(), request.maxLineBytes(), request.invalidLines(), environment.stdin());
        SettingsSweep sweep = new SettingsSweep(trace, request.dialect(), request.plan(), request.pauseThresholdMs());
        List<Point> points = sweep.run(grid, Math.max(1, request.threads()));
        int budget = request.plan().requestsPerMinute();
        Point best = points.stream()
                .min(Comparator.comparing((Point p) -> p.peakRequestsPerMinute() > budget)
                        .thenComparingLong(p -> p.peakRequestsPerMinute() > budget ? p.peakRequestsPerMinute() : 0)
                        .thenComparingLong(
                                p -> p.truth().staleTypingMs() + p.truth().blindTypingMs())
                        .thenComparingLong(Point::requests))
                .orElseThrow();
        return new Result(
                points,
                best,
                trace.size(),
                trace.invalidLines(),
                (System.nanoTime() - started) / 1_000_000,
                trace,
                sweep);
    }

    private static List<EngineSettings> grid(Request request) {
        List<EngineSettings> grid = new ArrayList<>();
        for (long dedup : logSpaced(request.dedup(), request.steps())) {
            for (long expiry : logSpaced(request.expiry(), request.steps())) {
                grid.add(new EngineSettings(dedup, expiry));
            }
        }
        return grid;
    }

    /** {@code steps} values from MIN to MAX, evenly spaced on a log scale, rounded to 10 ms (100 ms above 1 s). */
    static List<Long> logSpaced(Range range, int steps) {
        long low = range.minMs();
        long high = range.maxMs();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double value = steps == 1 ? low : low * Math.pow((double) high / low, (double) i / (steps - 1));
            long unit = value >= 1000 ? 100 : 10;
            long rounded = Math.max(1, Math.round(value / unit) * unit);
            if (values.isEmpty() || values.get(values.size() - 1) != rounded) {
                values.add(rounded);
            }
        }
        return values;
    }
}
