package dev.gctyping.cli;

import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The trace files a command reads and how: shared by replay and tune. */
public final class TraceInputOptions {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files, merged by timestamp; '-' reads stdin.")
    List<String> files;

    @Option(names = "--skip-invalid",
            description = "Skip bad lines (each reported on stderr, counted as invalidLines) instead of stopping.")
    boolean skipInvalid;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Trace format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE} (CSV for *.csv[.gz], else NDJSON).")
    TraceFormat format;

    /** Stop at the first bad line, or (--skip-invalid) report each on {@code err} and go on. */
    InvalidLinePolicy policy(PrintWriter err) {
        return skipInvalid ? error -> err.println(error.getMessage() + " (skipped)") : InvalidLinePolicy.FAIL;
    }
}
