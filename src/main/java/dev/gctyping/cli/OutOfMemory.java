package dev.gctyping.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Running out of memory ends the process with one line on stderr, saying what ran out and how to
 * give Java more, and exit 70; stdout keeps the whole lines already written ({@link WholeLines})
 * and drops the rest. On the main thread the error reaches {@link GcTypingCommand#run}; on any
 * other it ends the process from here, as the thread waiting for it would wait forever.
 *
 * <p>Reporting allocates nothing: when a thread other than main runs out, main still holds the
 * heap, and anything allocated there would run out too. So the line for a full heap is written
 * before it is needed.
 */
final class OutOfMemory {
    private static final String HEAP = "Java heap space";
    private static boolean reported;
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
    private static final byte[] HEAP_LINE = line(HEAP);

    private OutOfMemory() {}

    /** Every thread's unhandled {@link OutOfMemoryError} is reported and ends the process. */
    static void reportFromEveryThread() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (failure instanceof OutOfMemoryError outOfMemory) {
                try {
                    report(outOfMemory);
                } finally {
                    Runtime.getRuntime().halt(ExitCodes.SOFTWARE);
                }
            } else if (previous != null) {
                previous.uncaughtException(thread, failure);
            } else {
                thread.getThreadGroup().uncaughtException(thread, failure);
            }
        });
    }

    /**
     * Writes the one line on stderr (once per process, whichever thread comes first); returns the
     * exit code. Synchronized rather than an atomic flag: an atomic's first use links method
     * handles, which allocates.
     */
    static synchronized int report(OutOfMemoryError failure) {
        if (!reported) {
            reported = true;
            try {
                STDERR.write(onHeap(failure) ? HEAP_LINE : line(failure.getMessage()));
            } catch (IOException stderrClosed) {
                // nowhere left to say it: the exit code still does
            }
        }
        return ExitCodes.SOFTWARE;
    }

    /** "Java heap space", or C2's "Java heap space: failed reallocation of scalar replaced objects". */
    private static boolean onHeap(OutOfMemoryError failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith(HEAP);
    }

    private static byte[] line(String what) {
        return (message(what, Runtime.getRuntime().maxMemory()) + System.lineSeparator())
                .getBytes(StandardCharsets.UTF_8);
    }

    static String message(String what, long maxHeapBytes) {
        long maxMb = Math.max(1, maxHeapBytes >> 20);
        // the power of two at or above the heap, doubled: -Xmx256m reads back as 247 MB under the serial GC
        long atOrAbove = 2 * Long.highestOneBit(Math.max(1, maxMb - 1));
        long moreMb = 2 * atOrAbove;
        String more = moreMb % 1024 == 0 ? moreMb / 1024 + "g" : moreMb + "m";
        return "gctyping: out of memory (" + (what == null ? "memory" : what) + ", heap limit " + maxMb
                + " MB): give Java more, " + "e.g. GCTYPING_JAVA_OPTS=-Xmx" + more
                + " for the gctyping launcher, or java -Xmx" + more + " -jar gctyping.jar";
    }
}
