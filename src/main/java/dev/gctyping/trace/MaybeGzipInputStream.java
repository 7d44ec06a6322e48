package dev.gctyping.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A trace's bytes, inflated if they are gzip (known by their magic bytes, whatever the name), decided
 * on the first read rather than on opening: opening a trace then reads nothing, so a replay of a
 * standard input that never writes waits where Ctrl-C can stop it. A broken gzip header surfaces on
 * that first read, as a {@link java.util.zip.ZipException} or {@link java.io.EOFException}.
 */
final class MaybeGzipInputStream extends InputStream {
    private static final int BUFFER = 1 << 16;

    /** Supports mark: the magic is peeked, then read again. */
    private final InputStream raw;

    private InputStream decoded;

    MaybeGzipInputStream(InputStream markable) {
        this.raw = markable;
    }

    private InputStream decoded() throws IOException {
        if (decoded == null) {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            decoded = first == 0x1f && second == 0x8b ? new GZIPInputStream(raw, BUFFER) : raw;
        }
        return decoded;
    }

    @Override
    public int read() throws IOException {
        return decoded().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return decoded().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
