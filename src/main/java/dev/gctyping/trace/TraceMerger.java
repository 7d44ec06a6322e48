package dev.gctyping.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Opens trace files and merges them into one stream ordered by {@code ts}; ties go to the earlier
 * file on the command line, then the earlier line. Gzip is detected by its magic bytes, so
 * {@code .gz} files and gzipped stdin both work. Every file is checked before any is read.
 */
public final class TraceMerger implements Closeable {
    /** The command-line name for standard input. */
    public static final String STDIN = "-";

    private final TraceReader[] readers;
    private final TraceEvent[] heads;
    private final AgentInterner interner;
    private int consumed = -1;

    private TraceMerger(TraceReader[] readers, AgentInterner interner) {
        this.readers = readers;
        this.interner = interner;
        this.heads = new TraceEvent[readers.length];
    }

    public static TraceMerger open(List<String> paths, TraceFormat format, InvalidLinePolicy policy, AgentResolver resolver,
            InputStream stdin) throws IOException {
        for (String path : paths) {
            if (!path.equals(STDIN)) {
                Path file = Path.of(path);
                if (!Files.exists(file)) {
                    throw new MissingTraceException(path + ": no such file");
                }
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new MissingTraceException(path + ": not a readable file");
                }
            }
        }
        AgentInterner interner = new AgentInterner(resolver);
        List<TraceReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < paths.size(); i++) {
                readers.add(reader(paths.get(i), i, format, policy, interner, stdin));
            }
        } catch (IOException | RuntimeException e) {
            for (TraceReader opened : readers) {
                opened.close();
            }
            throw e;
        }
        TraceMerger merger = new TraceMerger(readers.toArray(TraceReader[]::new), interner);
        for (int i = 0; i < merger.readers.length; i++) {
            merger.heads[i] = merger.readers[i].next();
        }
        return merger;
    }

    private static TraceReader reader(String path, int index, TraceFormat format, InvalidLinePolicy policy,
            AgentInterner interner, InputStream stdin) throws IOException {
        boolean isStdin = path.equals(STDIN);
        String name = isStdin ? "<stdin>" : path;
        CountingInputStream counted = new CountingInputStream(isStdin ? stdin : Files.newInputStream(Path.of(path)));
        InputStream decoded = new BufferedInputStream(counted, 1 << 16);
        if (isGzip(decoded)) {
            decoded = new GZIPInputStream(decoded, 1 << 16);
        }
        if (format.resolve(isStdin ? "" : path) == TraceFormat.CSV) {
            return new CsvTraceReader(name, index, policy, counted,
                    new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), 1 << 16), interner);
        }
        return new NdjsonTraceReader(name, index, policy, counted, decoded, interner);
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** The next event in time order (valid until the next call), or null when every file is done. */
    public TraceEvent next() throws IOException {
        if (consumed >= 0) {
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
