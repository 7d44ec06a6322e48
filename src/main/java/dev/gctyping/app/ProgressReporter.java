package dev.gctyping.app;

/** How a job shows its progress: the command supplies one (a terminal line, or nothing). */
public interface ProgressReporter {
    ProgressReporter NONE = progress -> () -> {};

    /** Starts showing the replay's progress; closing the result shows where it ended and stops. */
    Showing start(ReplayProgress progress);

    /** Progress being shown. */
    interface Showing extends AutoCloseable {
        @Override
        void close();
    }
}
