package dev.gctyping.trace;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads one trace file event by event, streaming: the loop shared by every format (line
 * numbers, the timestamps-never-go-backwards rule, the bad-line policy). Formats implement
 * {@link #nextLine()} and {@link #parse(TraceEvent)}, through {@link LineReader}.
 */
public abstract class TraceReader implements Closeable {
    private final String name;
    private final int sourceIndex;
    private final InvalidLinePolicy policy;
    private final TraceEvent event = new TraceEvent();
    private long lastTs = Long.MIN_VALUE;
    private long invalidLines;

    protected TraceReader(String name, int sourceIndex, InvalidLinePolicy policy) {
        this.name = name;
        this.sourceIndex = sourceIndex;
        this.policy = policy;
    }

    /** The next valid event (reused: valid until the next call), or null at the end of the file. */
    public final TraceEvent next() throws IOException {
        while (true) {
            long line = nextLine();
            if (line < 0) {
                return null;
            }
            try {
                event.text = null;
                event.communicationId = null;
                parse(event);
                if (event.ts < lastTs) {
                    throw new InvalidLine("timestamp " + event.ts + " goes backwards (previous event: " + lastTs
                            + "); a file's events must be in time order");
                }
                lastTs = event.ts;
                event.line = line;
                event.sourceIndex = sourceIndex;
                return event;
            } catch (InvalidLine bad) {
                invalidLines++;
                policy.onInvalid(new TraceFormatException(name, line, bad.getMessage()));
            }
        }
    }

    /** Moves to the next non-blank line; returns its 1-based number, or -1 at the end. */
    protected abstract long nextLine() throws IOException;

    /** Parses the current line into {@code into}: ts, type and agent are required. */
    protected abstract void parse(TraceEvent into) throws InvalidLine, IOException;

    /** Bytes consumed from the file so far (compressed bytes for gzip), for progress. */
    public abstract long bytesRead();

    public String name() {
        return name;
    }

    public long invalidLines() {
        return invalidLines;
    }
}
