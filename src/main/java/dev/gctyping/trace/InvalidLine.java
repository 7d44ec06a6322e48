package dev.gctyping.trace;

/** Why one line cannot be used; becomes a {@link TraceFormatException} once its file and line are known. */
final class InvalidLine extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidLine(String reason) {
        super(reason, null, false, false);
    }
}
