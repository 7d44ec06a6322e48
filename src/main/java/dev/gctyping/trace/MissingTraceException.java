package dev.gctyping.trace;

/** An input file that does not exist or cannot be read; raised before any event is processed. */
public final class MissingTraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingTraceException(String message) {
        super(message);
    }
}
