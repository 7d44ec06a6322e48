package dev.gctyping.trace;

/** What a reader does with a bad line: stop (the default) or report it and go on ({@code --skip-invalid}). */
@FunctionalInterface
public interface InvalidLinePolicy {
    InvalidLinePolicy FAIL = error -> {
        throw error;
    };

    /** Throws to stop reading, or returns to skip the line. */
    void onInvalid(TraceFormatException error);
}
