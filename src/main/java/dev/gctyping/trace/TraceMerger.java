package dev.gctyping.trace;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens trace files and merges them into one stream ordered by {@code ts}; ties go to the earlier
 * file on the command line, then the earlier line. Gzip is detected by its magic bytes, so
 * {@code .gz} files and gzipped stdin both work. Every file is checked before any is read, and
 * nothing is read until the first {@link #next()}.
 */
public final class TraceMerger implements Closeable {
    /** The command-line name for standard input. */
    public static final String STDIN = "-";
    /** The longest line read by default, in bytes: far beyond a trace line, small enough to hold. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    /** The most {@code maxLineBytes} may be: what one buffer can hold twice over. */
    public static final int MAX_LINE_BYTES_LIMIT = 1 << 30;

    private final TraceReader[] readers;
    private final TraceEvent[] heads;
    private final AgentInterner interner;
    private final boolean regularFilesOnly;
    private int consumed = -1;
    private boolean started;

    private TraceMerger(TraceReader[] readers, AgentInterner interner, boolean regularFilesOnly) {
        this.readers = readers;
        this.interner = interner;
        this.regularFilesOnly = regularFilesOnly;
        this.heads = new TraceEvent[readers.length];
    }

    /**
     * Opens the files (each a path, or {@link #STDIN}), reading nothing yet. A line longer than
     * {@code maxLineBytes} is a bad line.
     */
    public static TraceMerger open(
            List<String> paths,
            TraceFormat format,
            int maxLineBytes,
            InvalidLinePolicy policy,
            AgentResolver resolver,
            InputStream stdin)
            throws IOException {
        requireReadable(paths);
        AgentInterner interner = new AgentInterner(resolver);
        List<TraceReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < paths.size(); i++) {
                readers.add(reader(paths.get(i), i, format, maxLineBytes, policy, interner, stdin));
            }
            boolean regularFilesOnly =
                    paths.stream().allMatch(path -> !path.equals(STDIN) && Files.isRegularFile(Path.of(path)));
            return new TraceMerger(readers.toArray(TraceReader[]::new), interner, regularFilesOnly);
        } catch (IOException | RuntimeException e) {
            for (TraceReader opened : readers) {
                opened.close();
            }
            throw e;
        }
    }

    /**
     * Checks that every path names something to read, before anything is read: a file, or a named
     * pipe such as the shell's process substitution ({@code <(zcat a.gz)}).
     */
    public static void requireReadable(List<String> paths) {
        for (String path : paths) {
            if (!path.equals(STDIN)) {
                Path file = Path.of(path);
                if (!Files.exists(file)) {
                    throw new MissingTraceException(path + ": no such file");
                }
                if (Files.isDirectory(file)) {
                    throw new MissingTraceException(path + ": is a directory");
                }
                if (!Files.isReadable(file)) {
                    throw new MissingTraceException(path + ": not a readable file");
                }
            }
        }
    }

    private static TraceReader reader(
            String path,
            int index,
            TraceFormat format,
            int maxLineBytes,
            InvalidLinePolicy policy,
            AgentInterner interner,
            InputStream stdin)
            throws IOException {
        boolean isStdin = path.equals(STDIN);
        String name = sourceName(path);
        // a FileInputStream, not Files.newInputStream: the latter's available() seeks, which a named pipe cannot
        CountingInputStream counted = new CountingInputStream(isStdin ? stdin : new FileInputStream(path));
        InputStream decoded = new MaybeGzipInputStream(new BufferedInputStream(counted, 1 << 16));
        if (format.resolve(isStdin ? "" : path) == TraceFormat.CSV) {
            return new CsvTraceReader(name, index, policy, counted, decoded, maxLineBytes, interner);
        }
        return new NdjsonTraceReader(name, index, policy, counted, decoded, maxLineBytes, interner);
    }

    /** How messages name a trace: its path, or {@code <stdin>}. */
    static String sourceName(String path) {
        return path.equals(STDIN) ? "<stdin>" : path;
    }

    /**
     * The next event in time order (valid until the next call), or null when every file is done. The
     * first call reads each file's first event: opening reads nothing, so the thread that replays
     * (the prefetching reader of a dry run) is the one that waits for a slow standard input.
     */
    public TraceEvent next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < readers.length; i++) {
                heads[i] = readers[i].next();
            }
        } else if (consumed >= 0) {
            heads[consumed] = readers[consumed].next();
        }
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (best < 0 || heads[i].ts < heads[best].ts)) {
                best = i;
            }
        }
        consumed = best;
        return best < 0 ? null : heads[best];
    }

    /**
     * Whether reading ahead never waits for a writer: every source is a regular file. Standard input
     * and pipes may be live, their next line minutes away.
     */
    public boolean canReadAhead() {
        return regularFilesOnly;
    }

    AgentInterner interner() {
        return interner;
    }

    public int files() {
        return readers.length;
    }

    public long bytesRead() {
        long total = 0;
        for (TraceReader reader : readers) {
            total += reader.bytesRead();
        }
        return total;
    }

    public long invalidLines() {
        long total = 0;
        for (TraceReader reader : readers) {
            total += reader.invalidLines();
        }
        return total;
    }

    @Override
    public void close() {
        for (TraceReader reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
