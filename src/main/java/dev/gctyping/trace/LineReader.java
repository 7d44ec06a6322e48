package dev.gctyping.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A trace read line by line from bytes: one buffer, refilled in place, that holds the line being
 * parsed and a little more. What every line format shares happens here: a UTF-8 byte-order mark
 * at the start is skipped, blank lines too; a line longer than the bound is rejected as soon as
 * the bound is passed and its rest is skipped without being kept, so memory stays bounded whatever
 * the input; a gzip stream that breaks off or fails its checks is bad data at the line it reached.
 */
abstract class LineReader extends TraceReader {
    private static final int INITIAL_BUFFER = 1 << 16;
    /** Bytes kept ahead of the line being parsed: more than a usual line. */
    private static final int LOOKAHEAD = 1 << 12;
    /** {@code lineEnd} while the current line's end is not known yet: the parser finds it. */
    protected static final int UNKNOWN = -1;
    /** What {@link #findNewline} returns for a line over the bound. */
    private static final int TOO_LONG = -2;

    private final InputStream in;
    private final CountingInputStream counter;
    private final int maxLineBytes;
    /** Whether a line that starts with '{' is handed over with its end {@link #UNKNOWN} (NDJSON). */
    private final boolean parserFindsLineEnd;

    protected byte[] buf = new byte[INITIAL_BUFFER];
    /** Where the current line starts. */
    protected int pos;

    protected int limit;
    /** The index of the '\n' that ends the current line, or {@link #UNKNOWN}. */
    protected int lineEnd;

    private boolean eof;
    /** The number of the line being read. */
    private long lineNumber;
    /** The current line is over the bound: it is rejected, and the next line starts after its end. */
    private boolean tooLong;

    LineReader(
            String name,
            int sourceIndex,
            InvalidLinePolicy policy,
            CountingInputStream counter,
            InputStream decoded,
            int maxLineBytes,
            boolean parserFindsLineEnd) {
        super(name, sourceIndex, policy);
        this.counter = counter;
        this.in = decoded;
        this.maxLineBytes = maxLineBytes;
        this.parserFindsLineEnd = parserFindsLineEnd;
    }

    @Override
    protected long nextLine() throws IOException {
        if (tooLong) {
            tooLong = false;
            if (!skipLongLine()) {
                return -1;
            }
        } else if (lineNumber > 0) {
            pos = lineEnd + 1;
        } else {
            skipByteOrderMark();
        }
        while (true) {
            lineNumber++;
            if (limit - pos < LOOKAHEAD && !eof && in.available() > 0) {
                // keep the usual line whole in the buffer: a line cut by the buffer's end would be a
                // rare branch in the hot parse, and the JIT recompiles hot code each time one is taken.
                // Only with bytes ready: a live pipe's complete line must not wait for the next one.
                refill();
            }
            if (parserFindsLineEnd && pos < limit && buf[pos] == '{') {
                // the usual line: parse will find its end, saving a pass over its bytes
                lineEnd = UNKNOWN;
                return lineNumber;
            }
            int newline = findNewline();
            if (newline == TOO_LONG) {
                tooLong = true;
                return lineNumber;
            }
            if (newline < 0) {
                return -1;
            }
            lineEnd = newline;
            if (!isBlank(pos, lineEnd)) {
                return lineNumber;
            }
            pos = lineEnd + 1;
        }
    }

    @Override
    protected final void parse(TraceEvent into) throws InvalidLine, IOException {
        checkLength();
        parseLine(into);
    }

    /** Rejects the current line if it is over the bound (its bytes are not in the buffer then). */
    protected final void checkLength() throws InvalidLine {
        if (tooLong) {
            throw tooLongLine();
        }
    }

    /** The byte at {@code i} of the current line does not start a well-formed UTF-8 character. */
    protected final InvalidLine notUtf8(int i) {
        return new InvalidLine(
                "not UTF-8 at column " + (i - pos + 1) + " (byte 0x" + Integer.toHexString(buf[i] & 0xFF) + ")");
    }

    /** Parses the current line, {@code buf[pos, lineEnd)} (or from {@code pos} on, its end {@link #UNKNOWN}). */
    protected abstract void parseLine(TraceEvent into) throws InvalidLine, IOException;

    /**
     * How far a parser that finds the line's end may look: the buffer's end, or the last place
     * where a line within the bound can end.
     */
    protected final int scanLimit() {
        return limit - pos > maxLineBytes ? pos + maxLineBytes + 1 : limit;
    }

    /** Sets {@code lineEnd} where the parser could not, or rejects the line if it is over the bound. */
    protected final void findLineEnd() throws IOException, InvalidLine {
        int newline = findNewline();
        if (newline == TOO_LONG) {
            tooLong = true;
            throw tooLongLine();
        }
        lineEnd = newline; // never -1: the line has its first byte
    }

    private InvalidLine tooLongLine() {
        return new InvalidLine(
                "the line is longer than " + maxLineBytes + " bytes (the limit set by --max-line-bytes)");
    }

    /**
     * Index of the '\n' ending the line at {@code pos} (or a virtual one at EOF), refilling as
     * needed; -1 at the end; {@link #TOO_LONG} once the line is known to pass the bound.
     */
    private int findNewline() throws IOException {
        int from = pos;
        while (true) {
            int newline = ByteScan.newline(buf, from, limit);
            if (newline >= 0) {
                return newline - pos > maxLineBytes ? TOO_LONG : newline;
            }
            if (limit - pos > maxLineBytes) {
                return TOO_LONG;
            }
            if (eof) {
                if (pos < limit) {
                    // last line without a trailing newline
                    ensureCapacity(limit + 1);
                    buf[limit] = '\n';
                    return limit++;
                }
                return -1;
            }
            from = limit - pos; // where the scan stopped, once refill has moved the line to 0
            refill();
        }
    }

    /** Drops the rest of a line over the bound, keeping nothing of it; false if the input ends in it. */
    private boolean skipLongLine() throws IOException {
        while (true) {
            int newline = ByteScan.newline(buf, pos, limit);
            if (newline >= 0) {
                pos = newline + 1;
                return true;
            }
            pos = limit;
            if (eof) {
                return false;
            }
            refill();
        }
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3 && !eof) {
            refill();
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }

    private void refill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            pos = 0;
            limit = remaining;
        }
        ensureCapacity(limit + 8192);
        int read;
        try {
            read = in.read(buf, limit, buf.length - limit);
        } catch (EOFException | ZipException e) {
            throw brokenGzip(name(), lineNumber, e); // only the gzip stream throws these
        }
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    /** A gzip stream that ended early or failed its checks, as bad data at {@code line}. */
    static TraceFormatException brokenGzip(String name, long line, IOException e) {
        String reason = e instanceof EOFException
                ? "the gzip data ends early (a truncated file?)"
                : "the gzip data is corrupt (" + e.getMessage() + ")";
        return new TraceFormatException(name, Math.max(line, 1), reason);
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    protected final boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
