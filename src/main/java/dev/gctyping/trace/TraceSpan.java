package dev.gctyping.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** How much trace time the merged files span, read ahead of a paced replay so it can say how long it will take. */
public final class TraceSpan {
    private TraceSpan() {}

    /**
     * From the first event to the last, in milliseconds; empty when an input cannot be read twice (stdin,
     * a named pipe) or holds no event. Bad lines are skipped without a word: the replay itself reports them.
     */
    public static OptionalLong of(List<String> paths, TraceFormat format, int maxLineBytes) throws IOException {
        for (String path : paths) {
            if (path.equals(TraceMerger.STDIN) || !Files.isRegularFile(Path.of(path))) {
                return OptionalLong.empty();
            }
        }
        try (TraceMerger trace = TraceMerger.open(
                paths,
                format,
                maxLineBytes,
                skipped -> {},
                (conversationId, agentId) -> 0,
                InputStream.nullInputStream())) {
            TraceEvent event = trace.next();
            if (event == null) {
                return OptionalLong.empty();
            }
            long first = event.ts();
            long last = first;
            for (; event != null; event = trace.next()) {
                last = event.ts();
            }
            return OptionalLong.of(last - first);
        }
    }
}
