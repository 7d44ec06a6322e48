package dev.gctyping.app;

import dev.gctyping.client.TargetRequest;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.metrics.ComposingTimeline;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI smoke check: the samples bundled in the jar replayed over the wire at full speed with the
 * default settings, through the replay job itself.
 */
public final class Smoke {
    public static final List<String> SAMPLES = List.of("transfer.ndjson", "concurrent-50.ndjson");

    private final Replay replay;

    public Smoke(Replay replay) {
        this.replay = replay;
    }

    /**
     * @throws IllegalStateException the jar lacks a bundled sample
     */
    public ReplayResult run(Dialect dialect, TargetRequest target, List<String> faults, long faultSeed)
            throws IOException, InterruptedException {
        Path samples = Files.createTempDirectory("gctyping-smoke");
        try {
            List<String> files = new ArrayList<>();
            for (String sample : SAMPLES) {
                try (InputStream bundled = Smoke.class.getResourceAsStream("/samples/" + sample)) {
                    if (bundled == null) {
                        throw new IllegalStateException("the bundled sample " + sample + " is missing from the jar");
                    }
                    Path copy = samples.resolve(sample);
                    Files.copy(bundled, copy);
                    files.add(copy.toString());
                }
            }
            return replay.run(new ReplayRequest(
                    files,
                    TraceFormat.AUTO,
                    TraceMerger.DEFAULT_MAX_LINE_BYTES,
                    InvalidLinePolicy.FAIL,
                    EngineSettings.DEFAULTS,
                    false,
                    false,
                    Double.POSITIVE_INFINITY,
                    dialect,
                    target,
                    faults,
                    faultSeed,
                    ReplayRequest.DEFAULT_QUEUE_LIMIT,
                    PlanSettings.forExpiry(EngineSettings.DEFAULTS.expiryMs()),
                    false,
                    ComposingTimeline.DEFAULT_PAUSE_MS,
                    false,
                    true));
        } finally {
            try (var copies = Files.list(samples)) {
                for (Path copy : copies.toList()) {
                    Files.delete(copy);
                }
            }
            Files.delete(samples);
        }
    }
}
