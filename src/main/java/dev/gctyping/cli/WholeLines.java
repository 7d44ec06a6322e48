package dev.gctyping.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Stdout's buffer: when it fills, only whole lines go out, the line being written stays. A
 * process that dies before its final {@link #flush()} (out of memory) has printed whole NDJSON
 * lines only, never a cut one.
 */
final class WholeLines extends OutputStream {
    private final OutputStream out;
    private final int capacity;
    private byte[] buffer;
    private int size;

    WholeLines(OutputStream out, int capacity) {
        this.out = out;
        this.capacity = capacity;
        this.buffer = new byte[capacity];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + length, 2 * buffer.length)); // past the line being written
        }
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        if (size >= capacity) {
            writeWholeLines();
        }
    }

    private void writeWholeLines() throws IOException {
        int end = size;
        while (end > 0 && buffer[end - 1] != '\n') {
            end--;
        }
        out.write(buffer, 0, end);
        System.arraycopy(buffer, end, buffer, 0, size - end);
        size -= end;
    }

    /** Writes everything, a last line without its newline included: the output is complete. */
    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, size);
        size = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
