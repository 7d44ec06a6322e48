package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that is not a trace is rejected as FILE:LINE: reason (exit 65), never a crash; a few odd but valid inputs are read. */
class BadInputTest {
    private static final String OK = "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}\n";

    @TempDir
    Path dir;

    private final List<String> names = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /** Reads the input (a file name or stdin) as "ts type conv/agent@line", with bad lines skipped into {@link #skipped}. */
    private List<String> read(TraceFormat format, int maxLineBytes, InputStream stdin, String... paths)
            throws IOException {
        List<String> events = new ArrayList<>();
        try (TraceMerger merger = TraceMerger.open(
                List.of(paths),
                format,
                maxLineBytes,
                error -> skipped.add(error.line() + ": " + error.reason()),
                this::agent,
                stdin)) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                events.add(e.ts() + " " + e.type().wireName() + " " + names.get(e.agent()) + "@" + e.line());
            }
        }
        return events;
    }

    private List<String> read(byte[] ndjson) throws IOException {
        return read(
                TraceFormat.NDJSON,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                new ByteArrayInputStream(ndjson),
                TraceMerger.STDIN);
    }

    private int agent(String conversation, String agentId) {
        names.add(conversation + "/" + agentId);
        return names.size() - 1;
    }

    /** The reason the single line is rejected. */
    private String rejection(String line) throws IOException {
        return rejection(line.getBytes(StandardCharsets.UTF_8));
    }

    private String rejection(byte[] line) throws IOException {
        skipped.clear();
        assertThat(read(line)).as(new String(line, StandardCharsets.ISO_8859_1)).isEmpty();
        assertThat(skipped).hasSize(1);
        return skipped.get(0);
    }

    private static String line(String extra) {
        return "{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"" + extra + "}";
    }

    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            out.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    // ---- gzip ----

    private byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private String manyLines(int count) {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < count; i++) {
            trace.append("{\"ts\": ")
                    .append(i)
                    .append(", \"conversationId\": \"conv-")
                    .append(i * 7919 % 1000)
                    .append("\", \"agentId\": \"agent-")
                    .append(i * 104729 % 997)
                    .append("\"}\n");
        }
        return trace.toString();
    }

    /** The error a broken gzip file gives, with or without skipping bad lines: it ends the file either way. */
    private String gzipError(byte[] gz) throws IOException {
        Path file = dir.resolve("broken.ndjson.gz");
        Files.write(file, gz);
        assertThatThrownBy(() -> read(
                        TraceFormat.AUTO,
                        TraceMerger.DEFAULT_MAX_LINE_BYTES,
                        InputStream.nullInputStream(),
                        file.toString()))
                .as("even with bad lines skipped")
                .isInstanceOf(TraceFormatException.class);
        try {
            try (TraceMerger merger = TraceMerger.open(
                    List.of(file.toString()),
                    TraceFormat.AUTO,
                    TraceMerger.DEFAULT_MAX_LINE_BYTES,
                    InvalidLinePolicy.FAIL,
                    this::agent,
                    InputStream.nullInputStream())) {
                while (merger.next() != null) {
                    // read to the break
                }
            }
            return "read without error";
        } catch (TraceFormatException e) {
            return e.getMessage().replace(file.toString(), "FILE");
        }
    }

    @Test
    void aTruncatedGzipIsBadDataAtTheLineReached() throws IOException {
        byte[] whole = gzip(manyLines(20_000));
        assertThat(gzipError(Arrays.copyOf(whole, 40)))
                .isEqualTo("FILE:1: the gzip data ends early (a truncated file?)");
        assertThat(gzipError(Arrays.copyOf(whole, 5)))
                .as("inside the header")
                .isEqualTo("FILE:1: the gzip data ends early (a truncated file?)");
        assertThat(gzipError(Arrays.copyOf(whole, whole.length / 2)))
                .matches("FILE:(\\d{4,5}): the gzip data ends early \\(a truncated file\\?\\)");
        assertThat(gzipError(Arrays.copyOf(whole, whole.length - 4)))
                .as("the trailer cut")
                .isEqualTo("FILE:20001: the gzip data ends early (a truncated file?)");
    }

    @Test
    void aCorruptGzipIsBadData() throws IOException {
        byte[] badCrc = gzip(manyLines(20_000));
        badCrc[badCrc.length - 8] ^= (byte) 0xFF;
        assertThat(gzipError(badCrc)).isEqualTo("FILE:20001: the gzip data is corrupt (Corrupt GZIP trailer)");
        byte[] damagedMiddle = gzip(manyLines(20_000));
        for (int i = damagedMiddle.length / 2; i < damagedMiddle.length / 2 + 64; i++) {
            damagedMiddle[i] ^= 0x55;
        }
        assertThat(gzipError(damagedMiddle)).matches("FILE:\\d+: .*");
        byte[] badHeader = gzip(OK);
        badHeader[2] = 7; // not deflate
        assertThat(gzipError(badHeader)).isEqualTo("FILE:1: the gzip data is corrupt (Unsupported compression method)");
    }

    // ---- timestamps ----

    @Test
    void timestampsOutsideTheYears0000To9999AreRejected() throws IOException {
        String range = " is outside the years 0000 to 9999 (epoch milliseconds -62167219200000 to 253402300799999)";
        assertThat(rejection("{\"ts\": \"+999999999-12-31T23:59:59Z\", \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts \"+999999999-12-31T23:59:59Z\"" + range);
        assertThat(rejection("{\"ts\": \"-999999999-01-01T00:00:00Z\", \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts \"-999999999-01-01T00:00:00Z\"" + range);
        assertThat(rejection(
                        "{\"ts\": \"+10000-01-01T01:00:00+01:00\", \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts \"+10000-01-01T01:00:00+01:00\"" + range);
        assertThat(rejection("{\"ts\": 253402300800000, \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts 253402300800000" + range);
        assertThat(rejection("{\"ts\": -62167219200001, \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts -62167219200001" + range);
        assertThat(rejection("{\"ts\": 999999999999999999999, \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: ts 999999999999999999999" + range);
        assertThat(
                        read(
                                bytes(
                                        "{\"ts\": 253402300799999, \"conversationId\": \"c\", \"agentId\": \"a\"}\n",
                                        "{\"ts\": \"9999-12-31T23:59:59.999999999+00:00\", \"conversationId\": \"c\", \"agentId\": \"a\"}\n")))
                .as("the last millisecond, either way")
                .containsExactly("253402300799999 keystroke c/a@1", "253402300799999 keystroke c/a@2");
        assertThat(read(bytes("{\"ts\": -62167219200000, \"conversationId\": \"c\", \"agentId\": \"a\"}\n")))
                .containsExactly("-62167219200000 keystroke c/a@1");
    }

    @Test
    void csvTimestampsHaveTheSameRange() throws IOException {
        byte[] csv = bytes(
                "ts,conversationId,agentId\n",
                "99999999999999999999,c,a\n",
                "+999999999-12-31T23:59:59Z,c,a\n",
                "253402300799999,c,a\n");
        assertThat(read(
                        TraceFormat.CSV,
                        TraceMerger.DEFAULT_MAX_LINE_BYTES,
                        new ByteArrayInputStream(csv),
                        TraceMerger.STDIN))
                .containsExactly("253402300799999 keystroke c/a@4");
        assertThat(skipped)
                .hasSize(2)
                .allSatisfy(reason -> assertThat(reason).contains("is outside the years 0000 to 9999"));
    }

    // ---- a line is valid JSON or it is rejected ----

    @Test
    void malformedJsonInSkippedFieldsIsRejected() throws IOException {
        assertThat(rejection(line(", \"x\": [}}"))).isEqualTo("1: malformed JSON at column 56: expected a JSON value");
        assertThat(rejection(line(", \"x\": 1-2-3"))).isEqualTo("1: malformed JSON at column 56: expected ',' or '}'");
        assertThat(rejection(line(", \"x\": -"))).isEqualTo("1: malformed JSON at column 55: malformed number");
        assertThat(rejection(line(", \"x\": 01")))
                .isEqualTo("1: malformed JSON at column 55: a number with a leading zero");
        assertThat(rejection(line(", \"x\": 1."))).isEqualTo("1: malformed JSON at column 55: malformed number");
        assertThat(rejection(line(", \"x\": .5"))).isEqualTo("1: malformed JSON at column 55: expected a JSON value");
        assertThat(rejection(line(", \"x\": 1e"))).isEqualTo("1: malformed JSON at column 55: malformed number");
        assertThat(rejection(line(", \"x\": +1"))).isEqualTo("1: malformed JSON at column 55: expected a JSON value");
        assertThat(rejection(line(", \"x\": [1,]"))).isEqualTo("1: malformed JSON at column 58: expected a JSON value");
        assertThat(rejection(line(", \"x\": [1 2]"))).isEqualTo("1: malformed JSON at column 58: expected ',' or ']'");
        assertThat(rejection(line(", \"x\": {\"a\" 1}"))).isEqualTo("1: malformed JSON at column 60: expected ':'");
        assertThat(rejection(line(", \"x\": {1: 2}")))
                .isEqualTo("1: malformed JSON at column 56: expected a field name in double quotes");
        assertThat(rejection(line(", \"x\": [\"a\"}")))
                .isEqualTo("1: malformed JSON at column 59: expected ',' or ']'");
        assertThat(rejection(line(", \"x\": {\"a\": tru}"))).isEqualTo("1: malformed JSON at column 64: expected true");
        assertThat(rejection(line(", \"x\": \"\\q\""))).isEqualTo("1: malformed JSON at column 57: invalid escape \\q");
        assertThat(rejection(line(", \"x\": [[[[[[[[[[]]]]]]]]]")))
                .isEqualTo("1: malformed JSON at column 74: expected ',' or ']'");
        assertThat(read(bytes(line(", \"x\": [{\"a\": [1, -0.5e+3, 0, \"}\", {}, []]}, null, true, false], \"y\": {}")
                        + "\n")))
                .as("all of the grammar")
                .containsExactly("1 keystroke c/a@1");
    }

    @Test
    void nestingAsDeepAsTheLineAllowsIsSkippedWithoutRecursion() throws IOException {
        int depth = 200_000;
        String deep = line(", \"x\": " + "[".repeat(depth) + "]".repeat(depth));
        assertThat(read(bytes(deep + "\n"))).containsExactly("1 keystroke c/a@1");
    }

    @Test
    void aTimestampWithLeadingZerosIsRejected() throws IOException {
        assertThat(rejection("{\"ts\": 0001764000001950, \"conversationId\": \"c\", \"agentId\": \"a\"}"))
                .isEqualTo("1: malformed JSON at column 8: a number with a leading zero");
        assertThat(rejection("{\"ts\":-01,\"conversationId\":\"c\",\"agentId\":\"a\"}"))
                .isEqualTo("1: malformed JSON at column 7: a number with a leading zero");
        assertThat(
                        read(
                                bytes(
                                        "{\"ts\": 0, \"conversationId\": \"c\", \"agentId\": \"a\"}\n{\"ts\":-0,\"conversationId\":\"c\",\"agentId\":\"a\"}\n")))
                .containsExactly("0 keystroke c/a@1", "0 keystroke c/a@2");
    }

    @Test
    void anEmptyEventIsNotAKeystroke() throws IOException {
        assertThat(rejection(line(", \"event\": \"\"")))
                .isEqualTo("1: unknown event \"\" (expected keystroke, send, blur or settings)");
        assertThat(read(bytes(line(", \"event\": null") + "\n")))
                .as("null: as if absent")
                .containsExactly("1 keystroke c/a@1");
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() throws IOException {
        String id = "{\"ts\": 1, \"conversationId\": \"c";
        String rest = "\", \"agentId\": \"a\"}";
        assertThat(rejection(bytes(id, "\u00ff", rest))).isEqualTo("1: not UTF-8 at column 31 (byte 0xff)");
        assertThat(rejection(bytes(id, "\u00fe", rest))).isEqualTo("1: not UTF-8 at column 31 (byte 0xfe)");
        assertThat(rejection(bytes(id, "\u0080", rest)))
                .as("a stray continuation byte")
                .isEqualTo("1: not UTF-8 at column 31 (byte 0x80)");
        assertThat(rejection(bytes(id, "\u00c0\u00af", rest)))
                .as("an overlong '/'")
                .isEqualTo("1: not UTF-8 at column 31 (byte 0xc0)");
        assertThat(rejection(bytes(id, "\u00ed\u00a0\u0080", rest)))
                .as("an encoded surrogate")
                .isEqualTo("1: not UTF-8 at column 31 (byte 0xed)");
        assertThat(rejection(bytes(id, "\u00f4\u0090\u0080\u0080", rest)))
                .as("beyond U+10FFFF")
                .isEqualTo("1: not UTF-8 at column 31 (byte 0xf4)");
        assertThat(rejection(bytes(id, "\u00e2\u0082", rest)))
                .as("cut short")
                .isEqualTo("1: not UTF-8 at column 31 (byte 0xe2)");
        assertThat(rejection(bytes(id, "\\n\u00ff", rest)))
                .as("after an escape")
                .isEqualTo("1: not UTF-8 at column 33 (byte 0xff)");
        assertThat(rejection(bytes(line(", \"key\": \"\u00ff\""))))
                .as("in a skipped field")
                .isEqualTo("1: not UTF-8 at column 58 (byte 0xff)");
        assertThat(rejection(bytes(line(", \"\u00ff\": 1"))))
                .as("in a field name")
                .isEqualTo("1: not UTF-8 at column 51 (byte 0xff)");
        assertThat(read(bytes(id, "\u00c3\u00a9\u00e2\u0082\u00ac\u00f0\u009f\u0098\u0080", rest, "\n")))
                .as("é€😀 in UTF-8")
                .containsExactly("1 keystroke cé€😀/a@1");
    }

    @Test
    void loneSurrogatesAreRejected() throws IOException {
        assertThat(rejection("{\"ts\": 1, \"conversationId\": \"c\\ud800\", \"agentId\": \"a\"}"))
                .isEqualTo("1: malformed JSON at column 31: lone surrogate \\ud800 (half of a pair: no character)");
        assertThat(rejection("{\"ts\": 1, \"conversationId\": \"c\\udc00\", \"agentId\": \"a\"}"))
                .isEqualTo("1: malformed JSON at column 31: lone surrogate \\udc00 (half of a pair: no character)");
        assertThat(rejection("{\"ts\": 1, \"conversationId\": \"c\\ud800\\u0041\", \"agentId\": \"a\"}"))
                .isEqualTo("1: malformed JSON at column 31: lone surrogate \\ud800 (half of a pair: no character)");
        assertThat(rejection(line(", \"key\": \"\\ud800x\"")))
                .isEqualTo("1: malformed JSON at column 58: lone surrogate \\ud800 (half of a pair: no character)");
        assertThat(read(bytes("{\"ts\": 1, \"conversationId\": \"c\\ud83d\\ude00\", \"agentId\": \"a\"}\n")))
                .as("a pair is one character")
                .containsExactly("1 keystroke c😀/a@1");
    }

    @Test
    void distinctIdsNeverMerge() throws IOException {
        byte[] trace = bytes(
                "{\"ts\": 1, \"conversationId\": \"c\\ud800\", \"agentId\": \"a\"}\n",
                "{\"ts\": 2, \"conversationId\": \"c?\", \"agentId\": \"a\"}\n",
                "{\"ts\": 3, \"conversationId\": \"c\u00ff\", \"agentId\": \"a\"}\n",
                "{\"ts\": 4, \"conversationId\": \"c\u00fe\", \"agentId\": \"a\"}\n",
                "{\"ts\": 5, \"conversationId\": \"c\\ufffd\", \"agentId\": \"a\"}\n");
        assertThat(read(trace)).containsExactly("2 keystroke c?/a@2", "5 keystroke c\ufffd/a@5");
        assertThat(names).containsExactly("c?/a", "c\ufffd/a");
        assertThat(skipped).hasSize(3);
    }

    @Test
    void aByteOrderMarkStartingAFileIsSkipped() throws IOException {
        String bom = "\u00ef\u00bb\u00bf";
        assertThat(read(bytes(bom, OK))).containsExactly("1 keystroke c/a@1");
        assertThat(read(
                        TraceFormat.CSV,
                        TraceMerger.DEFAULT_MAX_LINE_BYTES,
                        new ByteArrayInputStream(bytes(bom, "ts,conversationId,agentId\n1,c,a\n")),
                        TraceMerger.STDIN))
                .containsExactly("1 keystroke c/a@2");
        Path gz = dir.resolve("bom.ndjson.gz");
        Files.write(gz, gzip("\ufeff" + OK));
        assertThat(read(
                        TraceFormat.AUTO,
                        TraceMerger.DEFAULT_MAX_LINE_BYTES,
                        InputStream.nullInputStream(),
                        gz.toString()))
                .containsExactly("1 keystroke c/a@1");
        assertThat(skipped).isEmpty();
        assertThat(read(bytes(OK, bom, OK))).as("only at the start").containsExactly("1 keystroke c/a@1");
        assertThat(skipped).containsExactly("2: not a JSON object");
    }

    @Test
    void aCsvHeaderReadAsNdjsonSuggestsTheCsvFormat() throws IOException {
        assertThat(rejection("ts,conversationId,agentId,event,key"))
                .isEqualTo("1: not a JSON object: this looks like a CSV header; use --format csv");
        assertThat(rejection("\"agentId\",TS ,conversationId"))
                .isEqualTo("1: not a JSON object: this looks like a CSV header; use --format csv");
        assertThat(rejection("ts,agentId")).isEqualTo("1: not a JSON object");
    }

    // ---- the bound on a line ----

    @Test
    void aLineOverTheBoundIsRejectedAndTheNextOneRead() throws IOException {
        String pad = ", \"pad\": \"" + "x".repeat(100) + "\"";
        byte[] trace = bytes(
                OK, line(pad), "\n", "{\"ts\": 2, \"conversationId\": \"c\", \"agentId\": \"a\"}\n", "x".repeat(200));
        assertThat(read(TraceFormat.NDJSON, 120, new ByteArrayInputStream(trace), TraceMerger.STDIN))
                .containsExactly("1 keystroke c/a@1", "2 keystroke c/a@3");
        assertThat(skipped)
                .containsExactly(
                        "2: the line is longer than 120 bytes (the limit set by --max-line-bytes)",
                        "4: the line is longer than 120 bytes (the limit set by --max-line-bytes)");
        skipped.clear();
        int exact = line(pad).length();
        assertThat(read(TraceFormat.NDJSON, exact, new ByteArrayInputStream(bytes(line(pad), "\n")), TraceMerger.STDIN))
                .as("a line of exactly the bound")
                .containsExactly("1 keystroke c/a@1");
        byte[] csv = bytes("ts,conversationId,agentId\n1,c,a\n2,c," + "a".repeat(200) + "\n3,c,a\n");
        assertThat(read(TraceFormat.CSV, 120, new ByteArrayInputStream(csv), TraceMerger.STDIN))
                .containsExactly("1 keystroke c/a@2", "3 keystroke c/a@4");
    }

    /** Endless zeros without a newline, as a gzip bomb decompresses to; counts what is read. */
    private static final class Zeros extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 0);
            served += len;
            return len;
        }
    }

    @Test
    void anEndlessLineFailsAsSoonAsItPassesTheBound() {
        Zeros zeros = new Zeros();
        assertThatThrownBy(() -> {
                    try (TraceMerger merger = TraceMerger.open(
                            List.of(TraceMerger.STDIN),
                            TraceFormat.NDJSON,
                            1 << 20,
                            InvalidLinePolicy.FAIL,
                            this::agent,
                            zeros)) {
                        merger.next();
                    }
                })
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("<stdin>:1: the line is longer than 1048576 bytes (the limit set by --max-line-bytes)");
        assertThat(zeros.served).as("bytes read before giving up").isLessThan(3 << 20);
    }

    @Test
    void aSkippedLongLineIsNotHeldInMemory() throws IOException {
        InputStream longLine = new InputStream() {
            private final InputStream zeros = new Zeros();
            private long left = 64L << 20;

            @Override
            public int read() throws IOException {
                return left-- > 0 ? zeros.read() : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = zeros.read(b, off, (int) Math.min(len, left));
                left -= n;
                return n;
            }
        };
        InputStream trace = new java.io.SequenceInputStream(longLine, new ByteArrayInputStream(bytes("\n", OK)));
        NdjsonTraceReader reader = new NdjsonTraceReader(
                "<stdin>",
                0,
                error -> skipped.add(error.reason()),
                new CountingInputStream(trace),
                trace,
                1 << 20,
                new AgentInterner(this::agent));
        assertThat(reader.next().line()).isEqualTo(2);
        assertThat(skipped)
                .containsExactly("the line is longer than 1048576 bytes (the limit set by --max-line-bytes)");
        assertThat(reader.buf.length).as("the buffer, after a 64 MB line").isLessThanOrEqualTo(4 << 20);
    }

    // ---- named pipes ----

    @Test
    void aNamedPipeIsReadLikeAFile() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            assumeThat(noMkfifo).as("mkfifo is available").isNull();
            return;
        }
        assumeThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo worked")
                .isTrue();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(
                        fifo, OK + "{\"ts\": 2, \"conversationId\": \"c\", \"agentId\": \"a\", \"event\": \"send\"}\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(read(
                        TraceFormat.AUTO,
                        TraceMerger.DEFAULT_MAX_LINE_BYTES,
                        InputStream.nullInputStream(),
                        fifo.toString()))
                .containsExactly("1 keystroke c/a@1", "2 send c/a@2");
        writer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aDirectoryIsNotAReadableInput() {
        assertThatThrownBy(() -> TraceMerger.requireReadable(List.of(dir.toString())))
                .isInstanceOf(MissingTraceException.class)
                .hasMessage(dir + ": is a directory");
    }
}
