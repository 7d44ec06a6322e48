package dev.gctyping.app;

import dev.gctyping.client.TargetRequest;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import java.util.List;

/**
 * A replay to run.
 *
 * @param files trace files, merged by timestamp ({@code -} is standard input)
 * @param maxLineBytes a longer trace line is bad data
 * @param speed over the wire: the trace's pace times this, {@code Double.POSITIVE_INFINITY} for as fast as allowed
 * @param faults fault specs for the embedded simulator (over the wire only)
 * @param queueLimit sends that may wait before more are lost
 * @param plan how the dialect plans its sends (its expiry is the engine's)
 * @param enrich add each conversation's analytics details to its records
 * @param recordTimelines keep each agent's timeline for a report
 * @param keepRecords hand the printed records back in the result (for thresholds or a report); a dry run
 *     otherwise prints each as it renders it, so 100 000 of them are never held at once
 */
public record ReplayRequest(
        List<String> files,
        TraceFormat format,
        int maxLineBytes,
        InvalidLinePolicy invalidLines,
        EngineSettings engine,
        boolean dryRun,
        boolean printPayloads,
        double speed,
        Dialect dialect,
        TargetRequest target,
        List<String> faults,
        long faultSeed,
        int queueLimit,
        PlanSettings plan,
        boolean enrich,
        long pauseThresholdMs,
        boolean recordTimelines,
        boolean keepRecords) {
    /** Sends that may wait (socket down, requests backed up) before more are lost. */
    public static final int DEFAULT_QUEUE_LIMIT = 10_000;

    public ReplayRequest {
        files = List.copyOf(files);
        faults = List.copyOf(faults);
    }

    public boolean unpaced() {
        return Double.isInfinite(speed);
    }
}
