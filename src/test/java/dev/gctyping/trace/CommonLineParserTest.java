package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path must read exactly what the general parser reads, or decline. Each case generates
 * random lines (every field in plain and awkward forms, shuffled, spaced, duplicated, corrupted)
 * and reads each one twice: as is, and after a leading tab, which the fast path never takes, so
 * the general parser alone reads it. Both reads must agree, event for event and error for error.
 */
class CommonLineParserTest {
    private static final int CASES = 40;
    private static final int LINES = 500;

    static Stream<Long> seeds() {
        long base = Long.getLong("seed", 20261125L);
        SplittableRandom seeds = new SplittableRandom(base);
        return Stream.concat(Stream.of(base), LongStream.range(1, CASES).mapToObj(i -> seeds.nextLong()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fastPathReadsWhatTheGeneralParserReadsOrDeclines(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int accepted = 0;
        int declined = 0;
        for (int i = 0; i < LINES; i++) {
            String line = randomLine(random);
            String general = readOne("\t" + line);
            assertThat(readOne(line)).as("line %s", line).isEqualTo(general);
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            CommonLineParser fast = new CommonLineParser(new IsoInstantScanner());
            if (bytes[0] == '{' && fast.parse(bytes, 0, bytes.length) != CommonLineParser.DECLINED) {
                accepted++;
                assertThat(describe(fast, bytes)).as("fast path on %s", line).isEqualTo(general);
            } else {
                declined++;
            }
        }
        assertThat(accepted).as("lines the fast path took").isGreaterThan(LINES / 20);
        assertThat(declined).as("lines it left to the general parser").isGreaterThan(LINES / 20);
    }

    @Test
    void anIdReadByEitherPathIsTheSameAgent() throws IOException {
        for (int length = 1; length <= 20; length++) {
            String id = "c".repeat(length - 1) + length % 10;
            String fast = "{\"ts\": 1, \"conversationId\": \"" + id + "\", \"agentId\": \"" + id + "x\"}";
            String general = "\t" + fast.replace("\"ts\": 1", "\"ts\": 2");
            String again = fast.replace("\"ts\": 1", "\"ts\": 3");
            List<String> resolved = new ArrayList<>();
            List<Integer> agents = new ArrayList<>();
            AgentResolver resolver = (conversation, agent) -> {
                resolved.add(conversation + "|" + agent);
                return resolved.size() - 1;
            };
            byte[] input = (fast + "\n" + general + "\n" + again + "\n").getBytes(StandardCharsets.UTF_8);
            try (TraceMerger merger = TraceMerger.open(
                    List.of(TraceMerger.STDIN),
                    TraceFormat.NDJSON,
                    TraceMerger.DEFAULT_MAX_LINE_BYTES,
                    InvalidLinePolicy.FAIL,
                    resolver,
                    new ByteArrayInputStream(input))) {
                for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                    agents.add(e.agent());
                }
            }
            assertThat(resolved).as("ids of %d bytes", length).containsExactly(id + "|" + id + "x");
            assertThat(agents).containsExactly(0, 0, 0);
        }
    }

    /** One line through the reader: "ts type conversation|agent text=… comm=…", or its error without the column. */
    private static String readOne(String line) throws IOException {
        List<String> errors = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> names = new ArrayList<>();
        AgentResolver resolver = (conversation, agent) -> {
            names.add(conversation + "|" + agent);
            return names.size() - 1;
        };
        byte[] input = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (TraceMerger merger = TraceMerger.open(
                List.of(TraceMerger.STDIN),
                TraceFormat.NDJSON,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                error -> errors.add(error.getMessage().replaceAll("column \\d+", "column N")),
                resolver,
                new ByteArrayInputStream(input))) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                events.add(e.ts() + " " + e.type().wireName() + " " + names.get(e.agent()) + " text=" + e.text()
                        + " comm=" + e.communicationId());
            }
        }
        return String.join("; ", events) + String.join("; ", errors);
    }

    private static String describe(CommonLineParser fast, byte[] bytes) {
        return fast.ts + " " + fast.type.wireName() + " "
                + new String(bytes, fast.conversationStart, fast.conversationLength, StandardCharsets.UTF_8) + "|"
                + new String(bytes, fast.agentStart, fast.agentLength, StandardCharsets.UTF_8)
                + " text=" + fast.text + " comm=" + fast.communicationId;
    }

    /** Half the lines have ordinary values (the fast path's kind, in any layout), half awkward ones; any may be corrupted. */
    private static String randomLine(SplittableRandom random) {
        boolean awkward = random.nextBoolean();
        List<String> fields = new ArrayList<>();
        add(
                fields,
                random,
                awkward,
                "ts",
                "1764000000123",
                "\"2026-11-24T10:00:00.123Z\"",
                "0",
                "-5",
                "\"2026-02-30T10:00:00Z\"",
                "\"2026-11-24T10:00:00+01:00\"",
                "1764000000123.5",
                "17e3",
                "12345678901234567890",
                "123456789012345678",
                "1234567890123456789",
                "-1234567890123456",
                "00000000",
                "0001764000001950",
                "253402300799999",
                "253402300800000",
                "-62167219200000",
                "-62167219200001",
                "-0",
                "\"+999999999-12-31T23:59:59Z\"",
                "\"9999-12-31T23:59:59.999Z\"",
                "\"bad\"",
                "true",
                "null",
                "-",
                "\"\"");
        add(
                fields,
                random,
                awkward,
                "conversationId",
                "\"conv-001\"",
                "\"conv-001\"",
                "\"\"",
                "\"c\\\"q\"",
                "\"\\u0063onv-001\"",
                "\"convé\"",
                "12",
                "null",
                "{\"a\":1}",
                "\"c\\ud800\"",
                "\"c\\udc00\\ud800\"",
                "\"c\\ud83d\\ude00\"",
                "\"c?\"");
        add(
                fields,
                random,
                awkward,
                "agentId",
                "\"agent-7\"",
                "\"agent-7\"",
                "\"\"",
                "\"a\\\\b\"",
                "\"agent-\\u00e9\"",
                "7",
                "true");
        add(
                fields,
                random,
                awkward,
                "event",
                "\"keystroke\"",
                "\"send\"",
                "\"blur\"",
                "\"\"",
                "\"typing\"",
                "null",
                "3",
                "\"se\\u006ed\"",
                "[1]");
        add(fields, random, awkward, "text", "\"hello there\"", "\"\"", "\"line\\nbreak\"", "null", "5");
        add(fields, random, awkward, "communicationId", "\"comm-1\"", "\"comm-2\"", "null", "\"\\u0041\"", "false");
        add(
                fields,
                random,
                awkward,
                "key",
                "\"f\"",
                "\" \"",
                "\"\\\"\"",
                "1.5e3",
                "true",
                "false",
                "null",
                "{\"x\":[1,{\"y\":\"}\"}]}",
                "[]",
                "tru",
                "+1",
                ".5",
                "[}}",
                "1-2-3",
                "-",
                "01",
                "-0.0e-0",
                "1.",
                "1e",
                "[1,]",
                "{\"a\" 1}",
                "\"\\udc00\"",
                "\"é\"");
        if (awkward) {
            add(fields, random, true, "k\\u0065y", "\"x\"", "1");
            add(fields, random, true, "nested", "{\"ts\":1,\"event\":\"blur\"}", "[\"a\",\"b\"]");
        }
        if (random.nextInt(8) == 0) {
            fields.add(fields.get(random.nextInt(fields.size()))); // a duplicate: the later one wins
        }
        Collections.shuffle(fields, new java.util.Random(random.nextLong()));
        String separator = pick(random, ",", ", ", " , ", ",  ", ",\t");
        StringBuilder line = new StringBuilder("{")
                .append(pick(random, "", "", " ", "\t"))
                .append(String.join(separator, fields))
                .append(pick(random, "", "", " ", "\r"))
                .append('}');
        switch (random.nextInt(awkward ? 6 : 8)) {
            case 0 -> line.setLength(random.nextInt(line.length())); // truncated
            case 1 ->
                line.insert(
                        random.nextInt(line.length() + 1), pick(random, "\"", ",", "}", "{", ":", "x", "\u0001", " "));
            case 2 -> line.append(pick(random, " ", "\r", " x", "}", "\t "));
            default -> {}
        }
        return line.toString();
    }

    /** Adds the field with one of its first two, ordinary values; if awkward, maybe with any value or not at all. */
    private static void add(
            List<String> fields, SplittableRandom random, boolean awkward, String name, String... values) {
        int roll = awkward ? random.nextInt(10) : 5;
        if (roll == 0) {
            return;
        }
        String value =
                roll < 6 ? values[random.nextInt(Math.min(2, values.length))] : values[random.nextInt(values.length)];
        String colon = pick(random, ":", ": ", " : ", ":  ");
        fields.add("\"" + name + "\"" + colon + value);
    }

    private static String pick(SplittableRandom random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
