package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Mutated traces (bytes flipped, cut, inserted, the known nasty cases spliced in), read in
 * process: every input must end in events and clean {@link TraceFormatException}s, never in another
 * exception. For NDJSON also: the fast path and the general parser agree (each line read again
 * after a leading tab, which only the general parser takes); stopping at the first bad line reads
 * what skipping reads up to it; and every line accepted is valid JSON to Jackson with the same
 * values. {@code -Dseed=N} reproduces a run; a failure names its case.
 */
class TraceFuzzTest {
    private static final int TRACES = 3000;
    private static final JsonFactory JACKSON = new JsonFactory();

    /** Spliced into traces: each one was accepted, or crashed the reader, once. */
    private static final String[] NASTY = {
        "\"x\":[}}",
        "\"x\":1-2-3",
        "\"x\":-",
        "\"ts\":0001764000001950",
        "\"event\":\"\"",
        "\"c\\ud800\"",
        "\"c\\udc00\\ud800\"",
        "\u00ff",
        "\u00fe",
        "\u00ed\u00a0\u0080",
        "\u00c0\u00af",
        "\u00f4\u0090\u0080\u0080",
        "\u00e2\u0082",
        "\u00ef\u00bb\u00bf",
        "\"ts\":\"+999999999-12-31T23:59:59Z\"",
        "\"ts\":99999999999999999999",
        "\"ts\":253402300800000",
        "\"ts\":-0",
        "[[[[[[[[",
        "]]]]",
        "{\"a\":",
        "\\u",
        "\\",
        "\"",
        "\n",
        "\r",
        "\t",
        "\u0000",
        ",",
        ":",
        "}",
        "{",
        "1e",
        ".5",
        "tru",
        "ts,conversationId,agentId\n",
        "\"event\":\"send\",\"text\":\"hi\"",
        "\"\\ud83d\\ude00\"",
        "\u00c3\u00a9"
    };

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> handles = new HashMap<>();

    @Test
    void mutatedTracesAreReadOrRejectedCleanlyAndBothParsersAgree() throws IOException {
        long seed = Long.getLong("seed", 20261201L);
        SplittableRandom random = new SplittableRandom(seed);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < TRACES; i++) {
            long caseSeed = random.nextLong();
            SplittableRandom r = new SplittableRandom(caseSeed);
            byte[] trace = mutate(r, validTrace(r));
            String what = "seed " + seed + ", case " + i + " (" + caseSeed + "): " + show(trace);
            int form = r.nextInt(10);
            if (form == 0) {
                read(TraceFormat.CSV, csv(trace), what);
            } else if (form == 1) {
                byte[] gz = gzip(trace);
                read(TraceFormat.AUTO, r.nextBoolean() ? gz : mutate(r, gz), what + " gzipped");
            } else {
                List<String> skipping = read(TraceFormat.NDJSON, trace, what);
                assertThat(outcome(TraceFormat.NDJSON, tabbed(trace), true, what))
                        .as("general parser only: %s", what)
                        .isEqualTo(skipping);
                checkAgainstJackson(trace, skipping, what);
                boolean bad = skipping.stream().anyMatch(o -> o.startsWith("error"));
                accepted += bad ? 0 : 1;
                rejected += bad ? 1 : 0;
            }
        }
        assertThat(accepted).as("NDJSON traces read whole").isGreaterThan(TRACES / 20);
        assertThat(rejected).as("NDJSON traces with a bad line").isGreaterThan(TRACES / 4);
    }

    /**
     * Reads with bad lines skipped and with the first one stopping: the events and errors, or
     * fails the test on anything but a TraceFormatException. Stopping must read exactly the skipping
     * read's outcome up to its first error.
     */
    private List<String> read(TraceFormat format, byte[] input, String what) {
        List<String> skipping = outcome(format, input, true, what);
        List<String> stopping = outcome(format, input, false, what);
        int firstError = 0;
        while (firstError < skipping.size() && !skipping.get(firstError).startsWith("error")) {
            firstError++;
        }
        assertThat(stopping)
                .as("stopping at the first bad line: %s", what)
                .isEqualTo(skipping.subList(0, Math.min(firstError + 1, skipping.size())));
        return skipping;
    }

    private List<String> outcome(TraceFormat format, byte[] input, boolean skip, String what) {
        List<String> outcome = new ArrayList<>();
        InvalidLinePolicy policy = skip ? error -> outcome.add(error(error)) : InvalidLinePolicy.FAIL;
        try (TraceMerger merger = TraceMerger.open(
                List.of(TraceMerger.STDIN),
                format,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                policy,
                this::agent,
                new ByteArrayInputStream(input))) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                outcome.add(e.line() + ": " + e.ts() + " " + e.type().wireName() + " " + names.get(e.agent()) + " text="
                        + e.text() + " comm=" + e.communicationId());
            }
        } catch (TraceFormatException rejected) {
            outcome.add(error(rejected));
        } catch (Throwable crash) {
            fail("not a clean rejection: " + crash + " on " + what, crash);
        }
        return outcome;
    }

    private static String error(TraceFormatException e) {
        return "error " + e.line() + ": " + e.reason().replaceAll("column \\d+", "column N");
    }

    private int agent(String conversation, String agentId) {
        return handles.computeIfAbsent(conversation + "\u0000" + agentId, key -> {
            names.add(conversation + "|" + agentId);
            return names.size() - 1;
        });
    }

    /** Every line read as an event is one JSON object to Jackson too, with the same ts, ids and text. */
    private void checkAgainstJackson(byte[] trace, List<String> outcome, String what) throws IOException {
        List<byte[]> lines = lines(trace);
        for (String read : outcome) {
            if (read.startsWith("error")) {
                continue;
            }
            int line = Integer.parseInt(read.substring(0, read.indexOf(':')));
            byte[] bytes = lines.get(line - 1);
            String fields = jacksonFields(bytes);
            assertThat(fields).as("Jackson on line %d of %s", line, what).isNotNull();
            assertThat(read).as("line %d of %s", line, what).startsWith(line + ": " + fields);
        }
    }

    /** "ts type conversation|agent" as Jackson reads the line, or null if it is not one JSON object. */
    private static String jacksonFields(byte[] line) throws IOException {
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = JACKSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    values.put(
                            name,
                            value == JsonToken.VALUE_NUMBER_INT ? (Object) parser.getLongValue() : parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return null;
            }
        } catch (com.fasterxml.jackson.core.JacksonException invalid) {
            return null;
        }
        Object ts = values.get("ts");
        long millis = ts instanceof Long number ? number : isoMillis((String) ts);
        Object event = values.get("event");
        return millis + " " + (event == null || event.equals("null") ? "keystroke" : event) + " "
                + values.get("conversationId") + "|" + values.get("agentId");
    }

    private static long isoMillis(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
    }

    /** The lines as the reader numbers them: split at '\n', a leading byte-order mark dropped. */
    private static List<byte[]> lines(byte[] trace) {
        int start = startsWithBom(trace) ? 3 : 0;
        List<byte[]> lines = new ArrayList<>();
        for (int i = start; i <= trace.length; i++) {
            if (i == trace.length || trace[i] == '\n') {
                lines.add(Arrays.copyOfRange(trace, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean startsWithBom(byte[] trace) {
        return trace.length >= 3 && trace[0] == (byte) 0xEF && trace[1] == (byte) 0xBB && trace[2] == (byte) 0xBF;
    }

    /** The trace with a tab starting each line (after a byte-order mark): the fast path never takes such a line. */
    private static byte[] tabbed(byte[] trace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        if (startsWithBom(trace)) {
            out.write(trace, 0, 3);
            from = 3;
        }
        out.write('\t');
        for (int i = from; i < trace.length; i++) {
            out.write(trace[i]);
            if (trace[i] == '\n') {
                out.write('\t');
            }
        }
        return out.toByteArray();
    }

    // ---- generating ----

    private static byte[] validTrace(SplittableRandom r) {
        StringBuilder trace = new StringBuilder();
        long ts = 1_764_000_000_000L;
        int lines = 1 + r.nextInt(12);
        for (int i = 0; i < lines; i++) {
            ts += r.nextInt(2000);
            List<String> fields = new ArrayList<>();
            fields.add("\"ts\": " + (r.nextInt(4) == 0 ? "\"" + Instant.ofEpochMilli(ts) + "\"" : Long.toString(ts)));
            fields.add("\"conversationId\": \""
                    + pick(r, "conv-1", "conv-2", "c\\u0031", "conv-\\ud83d\\ude00", "conv-\u00e9") + "\"");
            fields.add("\"agentId\": \"" + pick(r, "agent-7", "agent-8", "a\\\"q", "agent-\\u00e9") + "\"");
            String event = pick(r, "keystroke", "keystroke", "keystroke", "send", "blur", "");
            if (!event.isEmpty()) {
                fields.add("\"event\": \"" + event + "\"");
            }
            if (r.nextInt(4) == 0) {
                fields.add("\"text\": " + pick(r, "\"hello\"", "\"line\\nbreak\"", "null", "\"caf\u00e9\""));
            }
            if (r.nextInt(3) == 0) {
                fields.add(pick(
                        r,
                        "\"key\": \"x\"",
                        "\"n\": -1.5e3",
                        "\"extra\": {\"a\": [1, {\"b\": \"}\"}], \"c\": null}",
                        "\"ok\": true",
                        "\"communicationId\": \"comm-1\"",
                        "\"z\": 0"));
            }
            java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
            trace.append('{')
                    .append(String.join(pick(r, ", ", ",", " , "), fields))
                    .append("}\n");
            if (r.nextInt(10) == 0) {
                trace.append(pick(r, "\n", "  \n", "\r\n"));
            }
        }
        return trace.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Up to four random edits; some traces stay valid. */
    private static byte[] mutate(SplittableRandom r, byte[] input) {
        byte[] bytes = input;
        int edits = r.nextInt(5);
        for (int k = 0; k < edits && bytes.length > 0; k++) {
            int at = r.nextInt(bytes.length);
            bytes = switch (r.nextInt(6)) {
                case 0 -> {
                    byte[] flipped = bytes.clone();
                    flipped[at] ^= (byte) (1 << r.nextInt(8));
                    yield flipped;
                }
                case 1 -> Arrays.copyOf(bytes, at); // truncated
                case 2 -> splice(bytes, at, at + Math.min(r.nextInt(8), bytes.length - at), new byte[0]); // deleted
                default -> splice(bytes, at, at, pick(r, NASTY).getBytes(StandardCharsets.ISO_8859_1));
            };
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    /** The same events as CSV rows, roughly: the JSON punctuation becomes commas. */
    private static byte[] csv(byte[] ndjson) {
        byte[] rows = new String(ndjson, StandardCharsets.ISO_8859_1)
                .replaceAll("\"[a-zA-Z]+\": ?", "")
                .replace('{', ' ')
                .replace('}', ' ')
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] header = "ts,conversationId,agentId,event\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(header, header.length + rows.length);
        System.arraycopy(rows, 0, out, header.length, rows.length);
        return out;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String show(byte[] bytes) {
        StringBuilder shown = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            shown.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return shown.toString();
    }

    private static String pick(SplittableRandom r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
