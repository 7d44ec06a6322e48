package dev.gctyping.shell;

import dev.gctyping.engine.EngineSettings;
import dev.gctyping.support.JsonLine;
import dev.gctyping.trace.EventType;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what is typed as a trace in the replay format, so a live session becomes a reproducible test case. */
final class TraceRecorder implements Closeable {
    private final Path file;
    private final BufferedWriter out;

    TraceRecorder(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    Path file() {
        return file;
    }

    /** A {@code settings} line: the engine's settings from {@code at} on, for every agent. */
    void settings(long at, EngineSettings settings) throws IOException {
        write(JsonLine.object()
                .field("ts", at)
                .field("event", EventType.SETTINGS.wireName())
                .field("dedupWindowMs", settings.dedupWindowMs())
                .field("expiryMs", settings.expiryMs()));
    }

    void record(long at, String conversationId, String agentId, EventType type, String key, String text)
            throws IOException {
        JsonLine line = JsonLine.object()
                .field("ts", at)
                .field("conversationId", conversationId)
                .field("agentId", agentId)
                .field("event", type.wireName());
        if (key != null) {
            line.field("key", key);
        }
        if (text != null) {
            line.field("text", text);
        }
        write(line);
    }

    private void write(JsonLine line) throws IOException {
        out.write(line.toString());
        out.newLine();
        out.flush(); // a crash mid-session still leaves a usable trace
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
