package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.trace.InvalidLinePolicy;
import dev.gctyping.trace.TraceFormat;
import dev.gctyping.trace.TraceMerger;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The trace files a command reads and how: shared by replay and tune. */
public final class TraceInputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Trace files, merged by timestamp; '-' reads stdin; named pipes such as <(zcat a.gz) work.")
    List<String> files;

    @Option(
            names = "--skip-invalid",
            description = "Skip bad lines (each reported on stderr, counted as invalidLines) instead of stopping.")
    boolean skipInvalid;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description =
                    "Trace format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE} (CSV for *.csv[.gz], else NDJSON).")
    TraceFormat format;

    @Option(
            names = "--max-line-bytes",
            paramLabel = "BYTES",
            converter = LineLimit.class,
            description = "Longest trace line read; a longer one is a bad line, rejected without being held in memory. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxLineBytes = TraceMerger.DEFAULT_MAX_LINE_BYTES;

    /** The files to read; stdin can be read once, so a second '-' is a usage error. */
    List<String> files() {
        if (files.indexOf(TraceMerger.STDIN) != files.lastIndexOf(TraceMerger.STDIN)) {
            throw new ParameterException(
                    command.commandLine(), "'-' (stdin) is named twice: stdin can be read only once");
        }
        return files;
    }

    /** On a terminal, a '-' would wait in silence for lines: say that it reads stdin, and how to end it. */
    void sayWhenReadingTheTerminal(Environment environment, PrintWriter err, boolean quiet) {
        if (files().contains(TraceMerger.STDIN)
                && !quiet
                && environment.stdin() == System.in
                && Terminal.stdinIsTty()) {
            err.println("gctyping: reading the trace from stdin (the terminal): type or paste its lines, "
                    + "then Ctrl-D at the start of a line to end it");
            err.flush();
        }
    }

    /** Stop at the first bad line, or (--skip-invalid) report each on {@code err} and go on. */
    InvalidLinePolicy policy(PrintWriter err) {
        return skipInvalid ? error -> err.println(error.getMessage() + " (skipped)") : InvalidLinePolicy.FAIL;
    }

    /** A whole number of bytes, from 1 to {@link TraceMerger#MAX_LINE_BYTES_LIMIT}. */
    static final class LineLimit implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long bytes;
            try {
                bytes = Long.parseLong(value);
            } catch (NumberFormatException e) {
                bytes = 0;
            }
            if (bytes < 1 || bytes > TraceMerger.MAX_LINE_BYTES_LIMIT) {
                throw new TypeConversionException(
                        "'" + value + "' is not a line length: give a number of bytes from 1 to "
                                + TraceMerger.MAX_LINE_BYTES_LIMIT);
            }
            return (int) bytes;
        }
    }
}
