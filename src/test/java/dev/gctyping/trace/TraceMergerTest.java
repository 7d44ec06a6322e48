package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceMergerTest {
    @TempDir
    Path dir;

    private final List<String> keys = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int maxLineBytes = TraceMerger.DEFAULT_MAX_LINE_BYTES;

    private int resolve(String conversation, String agent) {
        String key = conversation + "/" + agent;
        int known = keys.indexOf(key);
        if (known >= 0) {
            return known;
        }
        keys.add(key);
        return keys.size() - 1;
    }

    private Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    /** Reads everything as "ts type conv/agent @file:line". */
    private List<String> read(InvalidLinePolicy policy, InputStream stdin, Path... files) throws IOException {
        List<String> paths = new ArrayList<>();
        for (Path f : files) {
            paths.add(f == null ? TraceMerger.STDIN : f.toString());
        }
        List<String> events = new ArrayList<>();
        try (TraceMerger merger =
                TraceMerger.open(paths, TraceFormat.AUTO, maxLineBytes, policy, this::resolve, stdin)) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                events.add(e.ts() + " " + e.type().wireName() + " " + keys.get(e.agent()) + " @" + e.sourceIndex() + ":"
                        + e.line() + (e.text() == null ? "" : " text=" + e.text()));
            }
        }
        return events;
    }

    private List<String> read(Path... files) throws IOException {
        return read(InvalidLinePolicy.FAIL, InputStream.nullInputStream(), files);
    }

    @Test
    void readsNdjsonWithDefaultsExtraFieldsBlankLinesAndIsoTimes() throws IOException {
        Path trace = file("t.ndjson", """
                {"ts": 1000, "conversationId": "c1", "agentId": "a1"}

                {"agentId":"a1","conversationId":"c1","ts":"1970-01-01T00:00:01.500Z","event":"keystroke","key":"x","extra":{"nested":[1,{"k":"}"}]},"n":-1.5e3,"b":true,"z":null}
                   {"ts": 2000, "conversationId": "c1", "agentId": "a1", "event": "send", "text": "hi \\"you\\" \\u00e9\\ud83d\\ude00"}\r
                {"ts": "1970-01-01T01:00:02.000+01:00", "conversationId": "c1", "agentId": "a1", "event": "blur"}""");
        assertThat(read(trace))
                .containsExactly(
                        "1000 keystroke c1/a1 @0:1",
                        "1500 keystroke c1/a1 @0:3",
                        "2000 send c1/a1 @0:4 text=hi \"you\" é😀",
                        "2000 blur c1/a1 @0:5");
    }

    @Test
    void escapedIdentifiersInternToTheSameAgentAsPlainOnes() throws IOException {
        Path trace = file("t.ndjson", """
                {"ts": 1, "conversationId": "c\\u0031", "agentId": "a1"}
                {"ts": 2, "conversationId": "c1", "agentId": "a\\u0031"}
                {"ts": 3, "conversationId": "c1", "agentId": "a2"}
                """);
        assertThat(read(trace))
                .containsExactly("1 keystroke c1/a1 @0:1", "2 keystroke c1/a1 @0:2", "3 keystroke c1/a2 @0:3");
        assertThat(keys).hasSize(2);
    }

    @Test
    void mergesFilesByTimestampWithTiesToTheEarlierFileThenLine() throws IOException {
        Path first = file("a.ndjson", """
                {"ts": 10, "conversationId": "c1", "agentId": "a"}
                {"ts": 20, "conversationId": "c1", "agentId": "a"}
                {"ts": 20, "conversationId": "c1", "agentId": "a", "event": "send"}
                """);
        Path second = file("b.ndjson", """
                {"ts": 5, "conversationId": "c2", "agentId": "b"}
                {"ts": 20, "conversationId": "c2", "agentId": "b"}
                {"ts": 30, "conversationId": "c2", "agentId": "b"}
                """);
        assertThat(read(second, first))
                .containsExactly(
                        "5 keystroke c2/b @0:1",
                        "10 keystroke c1/a @1:1",
                        "20 keystroke c2/b @0:2",
                        "20 keystroke c1/a @1:2",
                        "20 send c1/a @1:3",
                        "30 keystroke c2/b @0:3");
    }

    @Test
    void readsCsvByExtensionWithQuotesAndIsoTimes() throws IOException {
        Path trace = file("t.csv", """
                ts,conversationId,agentId,event,key
                1000,c1,a1,keystroke,"a,b"
                1970-01-01T00:00:01.200Z,c1,a1,,x
                1300,"c1",a1,send,""
                """);
        assertThat(read(trace))
                .containsExactly("1000 keystroke c1/a1 @0:2", "1200 keystroke c1/a1 @0:3", "1300 send c1/a1 @0:4");
    }

    @Test
    void readsGzipByContentWhateverTheName() throws IOException {
        Path trace = dir.resolve("t.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(trace))) {
            out.write("{\"ts\": 7, \"conversationId\": \"c\", \"agentId\": \"a\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(trace)).containsExactly("7 keystroke c/a @0:1");
    }

    @Test
    void readsStdin() throws IOException {
        InputStream stdin = new ByteArrayInputStream(
                "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(read(InvalidLinePolicy.FAIL, stdin, (Path) null)).containsExactly("1 keystroke c/a @0:1");
    }

    @Test
    void liveStdinLinesAreReadWithoutWaitingForMore() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer, 1 << 16);
        writer.write(("{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}\n"
                        + "{\"ts\": 2, \"conversationId\": \"c\", \"agentId\": \"a\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        writer.flush();
        ExecutorService reading = Executors.newSingleThreadExecutor();
        try {
            // both lines are complete in the pipe: reading them must not wait for a third
            Future<TraceMerger> opened = reading.submit(() -> TraceMerger.open(
                    List.of(TraceMerger.STDIN),
                    TraceFormat.AUTO,
                    TraceMerger.DEFAULT_MAX_LINE_BYTES,
                    InvalidLinePolicy.FAIL,
                    this::resolve,
                    stdin));
            try (TraceMerger merger = opened.get(10, TimeUnit.SECONDS)) {
                assertThat(merger.next().ts()).isEqualTo(1);
                assertThat(reading.submit(() -> merger.next().ts()).get(10, TimeUnit.SECONDS))
                        .isEqualTo(2);
                writer.write("{\"ts\": 3, \"conversationId\": \"c\", \"agentId\": \"a\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
                writer.close();
                assertThat(merger.next().ts()).isEqualTo(3);
                assertThat(merger.next()).isNull();
            }
        } finally {
            reading.shutdownNow();
        }
    }

    @Test
    void linesLongerThanTheReadBufferAreParsed() throws IOException {
        maxLineBytes = 4 << 20;
        String padding = "x".repeat(3 << 20);
        Path trace = file(
                "long.ndjson",
                "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\", \"pad\": \"" + padding + "\"}\n"
                        + "{\"ts\": 2, \"conversationId\": \"c\", \"agentId\": \"a\"}\n");
        assertThat(read(trace)).containsExactly("1 keystroke c/a @0:1", "2 keystroke c/a @0:2");
    }

    private String firstError(String content) throws IOException {
        Path trace = file("bad.ndjson", content);
        assertThatThrownBy(() -> read(trace)).isInstanceOf(TraceFormatException.class);
        try {
            read(trace);
            return null;
        } catch (TraceFormatException e) {
            return e.getMessage().replace(trace.toString(), "FILE");
        }
    }

    @Test
    void badLinesAreReportedAsFileLineReason() throws IOException {
        String ok = "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}\n";
        assertThat(firstError(ok + "not json\n")).isEqualTo("FILE:2: not a JSON object");
        assertThat(firstError(ok + "{\"ts\": 2, \"conversationId\": \"c\"}\n"))
                .isEqualTo("FILE:2: missing field \"agentId\"");
        assertThat(firstError("{\"conversationId\": \"c\", \"agentId\": \"a\"}\n"))
                .isEqualTo("FILE:1: missing field \"ts\"");
        assertThat(firstError(
                        ok + "{\"ts\": 2, \"conversationId\": \"c\", \"agentId\": \"a\", \"event\": \"typing\"}\n"))
                .isEqualTo("FILE:2: unknown event \"typing\" (expected keystroke, send, blur or settings)");
        assertThat(firstError("{\"ts\": 2.5, \"conversationId\": \"c\", \"agentId\": \"a\"}\n"))
                .isEqualTo("FILE:1: ts must be whole epoch milliseconds or an ISO-8601 string");
        assertThat(firstError("{\"ts\": \"yesterday\", \"conversationId\": \"c\", \"agentId\": \"a\"}\n"))
                .startsWith("FILE:1: ts \"yesterday\" is not an ISO-8601 instant");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": 5, \"agentId\": \"a\"}\n"))
                .isEqualTo("FILE:1: \"conversationId\" must be a string");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": \"\", \"agentId\": \"a\"}\n"))
                .isEqualTo("FILE:1: \"conversationId\" must not be empty");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"} x\n"))
                .isEqualTo("FILE:1: malformed JSON at column 50: unexpected text after the JSON object");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"\n"))
                .isEqualTo("FILE:1: truncated JSON object");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": \"c, \"agentId\": \"a\"}\n"))
                .startsWith("FILE:1: malformed JSON");
    }

    @Test
    void aSettingsLineNamesNoAgentAndCarriesBothValues() throws IOException {
        Path trace = file("t.ndjson", """
                {"ts": 100, "event": "settings", "dedupWindowMs": 250, "expiryMs": 5000}
                {"ts": 200, "conversationId": "c", "agentId": "a"}
                {"event": "settings", "expiryMs": 800, "dedupWindowMs": 100, "ts": "1970-01-01T00:00:00.300Z"}
                """);
        List<String> events = new ArrayList<>();
        try (TraceMerger merger = TraceMerger.open(
                List.of(trace.toString()),
                TraceFormat.AUTO,
                maxLineBytes,
                InvalidLinePolicy.FAIL,
                this::resolve,
                InputStream.nullInputStream())) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                events.add(e.ts() + " " + e.type().wireName() + " " + e.agent()
                        + (e.type() == EventType.SETTINGS ? " " + e.settings() : ""));
            }
        }
        assertThat(events)
                .containsExactly(
                        "100 settings -1 EngineSettings[dedupWindowMs=250, expiryMs=5000]",
                        "200 keystroke 0",
                        "300 settings -1 EngineSettings[dedupWindowMs=100, expiryMs=800]");
    }

    @Test
    void aSettingsLineNeedsBothPositiveValuesAndNoIds() throws IOException {
        assertThat(firstError("{\"ts\": 1, \"event\": \"settings\", \"expiryMs\": 800}\n"))
                .isEqualTo("FILE:1: a settings line needs \"dedupWindowMs\"");
        assertThat(firstError("{\"ts\": 1, \"event\": \"settings\", \"dedupWindowMs\": 0, \"expiryMs\": 800}\n"))
                .isEqualTo("FILE:1: \"dedupWindowMs\" must be a positive whole number of milliseconds");
        assertThat(firstError("{\"ts\": 1, \"event\": \"settings\", \"dedupWindowMs\": \"1s\", \"expiryMs\": 800}\n"))
                .isEqualTo("FILE:1: \"dedupWindowMs\" must be a positive whole number of milliseconds");
        assertThat(firstError("{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\", \"event\": \"settings\","
                        + " \"dedupWindowMs\": 100, \"expiryMs\": 800}\n"))
                .isEqualTo("FILE:1: a settings line applies to every agent: it has no conversationId or agentId");
        // on other lines the names are unknown fields as before, whatever their values
        Path unknownField =
                file("k.ndjson", "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\", \"expiryMs\": \"x\"}\n");
        assertThat(read(unknownField)).containsExactly("1 keystroke c/a @0:1");
        Path csv = file("s.csv", "ts,conversationId,agentId,event\n1,,,settings\n");
        assertThatThrownBy(() -> read(csv))
                .hasMessageEndingWith("s.csv:2: settings lines are read from NDJSON traces only"
                        + " (as the live prompt records them)");
    }

    @Test
    void timestampsGoingBackwardsInAFileAreAnError() throws IOException {
        assertThat(firstError("""
                {"ts": 100, "conversationId": "c", "agentId": "a"}
                {"ts": 99, "conversationId": "c2", "agentId": "b"}
                """))
                .isEqualTo(
                        "FILE:2: timestamp 99 goes backwards (previous event: 100); a file's events must be in time order");
    }

    @Test
    void skipPolicyReportsEachBadLineAndGoesOn() throws IOException {
        Path trace = file("t.ndjson", """
                {"ts": 100, "conversationId": "c", "agentId": "a"}
                garbage
                {"ts": 50, "conversationId": "c", "agentId": "a"}
                {"ts": 150, "conversationId": "c", "agentId": "a", "event": "send"}
                """);
        List<String> events =
                read(error -> errors.add(error.line() + ": " + error.reason()), InputStream.nullInputStream(), trace);
        assertThat(events).containsExactly("100 keystroke c/a @0:1", "150 send c/a @0:4");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).isEqualTo("2: not a JSON object");
        assertThat(errors.get(1)).startsWith("3: timestamp 50 goes backwards");
    }

    @Test
    void badCsvHeaderAndRows() throws IOException {
        Path noHeader = file("h.csv", "1,c,a,keystroke\n");
        assertThatThrownBy(() -> read(noHeader))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("h.csv:1: CSV header must name the columns ts,conversationId,agentId");
        Path shortRow = file("r.csv", "ts,conversationId,agentId,event\n1,c,a\n");
        assertThatThrownBy(() -> read(shortRow))
                .hasMessageEndingWith("r.csv:2: expected 4 columns as in the header, found 3");
    }

    @Test
    void missingFilesAreReportedBeforeAnythingIsRead() throws IOException {
        Path good = file("good.ndjson", "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}\n");
        assertThatThrownBy(() -> read(good, dir.resolve("nope.ndjson")))
                .isInstanceOf(MissingTraceException.class)
                .hasMessageEndingWith("nope.ndjson: no such file");
        assertThat(keys).isEmpty();
    }
}
