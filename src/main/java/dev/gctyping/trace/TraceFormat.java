package dev.gctyping.trace;

import java.util.Locale;

/** How a trace file is written; {@code AUTO} decides by the file name ({@code .csv[.gz]} is CSV). */
public enum TraceFormat {
    AUTO,
    NDJSON,
    CSV;

    TraceFormat resolve(String name) {
        if (this != AUTO) {
            return this;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz") ? CSV : NDJSON;
    }
}
