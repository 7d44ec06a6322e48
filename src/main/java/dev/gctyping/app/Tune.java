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
 * time among those within the budget. When none fits and the grid may grow, it grows a step at a
 * time towards longer windows and expiries while that lowers the peak.
 */
public final class Tune {
    /** How many steps a grid may grow by, when none of its points fits. */
    private static final int MAX_WIDENINGS = 4;

    /** A range of durations in milliseconds, both ends included. */
    public record Range(long minMs, long maxMs) {
        /** The end one log step further, for a range of {@code steps} values (doubled for a single value). */
        Range stepUp(int steps) {
            double ratio = steps > 1 && maxMs > minMs ? Math.pow((double) maxMs / minMs, 1.0 / (steps - 1)) : 2;
            return new Range(minMs, rounded(maxMs * ratio));
        }
    }

    /** The grid: {@code steps} log-spaced values of each range. */
    public record Grid(Range dedup, Range expiry, int steps) {
        List<EngineSettings> settings() {
            List<EngineSettings> grid = new ArrayList<>();
            for (long dedupMs : logSpaced(dedup, steps)) {
                for (long expiryMs : logSpaced(expiry, steps)) {
                    grid.add(new EngineSettings(dedupMs, expiryMs));
                }
            }
            return grid;
        }

        /** One step more on each axis, towards longer windows and expiries. */
        Grid wider() {
            return new Grid(dedup.stepUp(steps), expiry.stepUp(steps), steps + 1);
        }
    }

    /**
     * @param steps log-spaced values per range
     * @param plan the dialect's plan settings (each point sets its own expiry); a point fits when its
     *     peak minute stays within the plan's budget
     * @param widen whether the grid may grow when none of its points fits (it is the default one, not
     *     ranges the user chose)
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
            int threads,
            boolean widen) {}

    /**
     * Every point in grid order, the recommended one, and what was read.
     *
     * @param grid the grid the points are of: the request's, or a wider one when the request's had no
     *     point within the budget
     * @param widened whether {@code grid} is wider than the request's
     */
    public record Result(
            List<Point> points,
            Point best,
            Grid grid,
            boolean widened,
            int budget,
            long events,
            long invalidLines,
            long elapsedMs,
            RecordedTrace trace,
            SettingsSweep sweep) {
        /** How many points keep their peak minute within the budget. */
        public long fitting() {
            return points.stream().filter(this::fits).count();
        }

        public boolean fits(Point point) {
            return point.peakRequestsPerMinute() <= budget;
        }

        /**
         * The peak no point can go below: the agents' own messages in their busiest minute, which the
         * plan sends whatever the settings (0 for a dialect that sends no messages).
         */
        public int messagePeak() {
            return Tune.messagePeak(points);
        }

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
        Grid grid = new Grid(request.dedup(), request.expiry(), request.steps());
        RecordedTrace trace = RecordedTrace.load(
                request.files(), request.format(), request.maxLineBytes(), request.invalidLines(), environment.stdin());
        SettingsSweep sweep = new SettingsSweep(trace, request.dialect(), request.plan(), request.pauseThresholdMs());
        int threads = Math.max(1, request.threads());
        int budget = request.plan().requestsPerMinute();
        List<Point> points = sweep.run(grid.settings(), threads);
        boolean widened = false;
        for (int step = 0; request.widen() && step < MAX_WIDENINGS && !anyFits(points, budget); step++) {
            if (messagePeak(points) > budget) {
                break; // the messages alone are over it: no window or expiry can help
            }
            Grid wider = grid.wider();
            List<Point> widerPoints = sweep.run(wider.settings(), threads);
            if (lowestPeak(widerPoints) >= lowestPeak(points)) {
                break; // longer windows and expiries lower the peak no further
            }
            grid = wider;
            points = widerPoints;
            widened = true;
        }
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
                grid,
                widened,
                budget,
                trace.size(),
                trace.invalidLines(),
                (System.nanoTime() - started) / 1_000_000,
                trace,
                sweep);
    }

    private static boolean anyFits(List<Point> points, int budget) {
        return points.stream().anyMatch(p -> p.peakRequestsPerMinute() <= budget);
    }

    private static int lowestPeak(List<Point> points) {
        return points.stream().mapToInt(Point::peakRequestsPerMinute).min().orElse(0);
    }

    private static int messagePeak(List<Point> points) {
        return points.stream().mapToInt(Point::peakMessagesPerMinute).min().orElse(0);
    }

    /** {@code steps} values from MIN to MAX, evenly spaced on a log scale, rounded to 10 ms (100 ms above 1 s). */
    static List<Long> logSpaced(Range range, int steps) {
        long low = range.minMs();
        long high = range.maxMs();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double value = steps == 1 ? low : low * Math.pow((double) high / low, (double) i / (steps - 1));
            long rounded = rounded(value);
            if (values.isEmpty() || values.get(values.size() - 1) != rounded) {
                values.add(rounded);
            }
        }
        return values;
    }

    /** To 10 ms, or 100 ms above 1 s: a grid's values read as settings a user would write. */
    private static long rounded(double valueMs) {
        long unit = valueMs >= 1000 ? 100 : 10;
        return Math.max(1, Math.round(valueMs / unit) * unit);
    }
}
