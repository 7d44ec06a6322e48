package dev.gctyping.app;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** How a job shows its progress: the command supplies one (a terminal line, or nothing). */
public interface ProgressReporter {
    ProgressReporter NONE = (bytesRead, totalBytes) -> events -> {};

    /**
     * Starts showing progress; the result is told the event count now and then.
     *
     * @param totalBytes the input's size, 0 when unknown (standard input)
     */
    LongConsumer start(LongSupplier bytesRead, long totalBytes);
}
