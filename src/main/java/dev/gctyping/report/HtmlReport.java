package dev.gctyping.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.threshold.ThresholdResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a {@link RunReport} as one self-contained HTML file: the page's CSS and script are inline
 * (a template in the jar) and the data is embedded once, as compact JSON, which the script renders
 * on demand (a page of the table and its timelines at a time), so that 10 000 conversations open
 * at once. Nothing is fetched: the file works from disk on a machine with no network.
 *
 * <p>Per agent the data is one array: {@code [conversationId, agentId, staleMs, blindMs, guestSawMs,
 * composingMs, maxStaleMs, observed, marksDropped, t0, marks, deltas, composing, guestSaw, stale, blind]}
 * where {@code marks} is one letter per mark ({@link Mark#letter()}), {@code deltas} the gaps between
 * mark times (the first from {@code t0}), and the interval lists are flat {@code [start, end, …]}
 * pairs relative to {@code t0}.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.html";
    private static final String PLACEHOLDER = "/*REPORT-DATA*/null";

    private HtmlReport() {}

    /** Writes the report to {@code file} through a temporary file, so a failed write leaves no torn report. */
    public static void write(Path file, RunReport report) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                write(out, report);
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void write(Writer out, RunReport report) throws IOException {
        String template = template();
        int at = template.indexOf(PLACEHOLDER);
        out.write(template, 0, at);
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.setCharacterEscapes(new ScriptSafe());
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        data(json, report);
        json.flush();
        out.write(template, at + PLACEHOLDER.length(), template.length() - at - PLACEHOLDER.length());
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the report template " + TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void data(JsonGenerator json, RunReport report) throws IOException {
        json.writeStartObject();
        json.writeStringField("title", report.title());
        json.writeStringField("command", report.command());
        json.writeObjectFieldStart("verdict");
        json.writeBooleanField("passed", report.verdict().passed());
        json.writeStringField("text", report.verdict().text());
        json.writeEndObject();
        json.writeArrayFieldStart("settings");
        for (Map.Entry<String, String> setting : report.settings().entrySet()) {
            json.writeStartArray();
            json.writeString(setting.getKey());
            json.writeString(setting.getValue());
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        for (Map.Entry<String, Double> figure : report.summary().entrySet()) {
            json.writeNumberField(figure.getKey(), figure.getValue());
        }
        json.writeEndObject();
        truth(json, report);
        json.writeArrayFieldStart("thresholds");
        for (ThresholdResult result : report.thresholds()) {
            json.writeStartObject();
            json.writeStringField("expression", result.threshold().expression());
            json.writeBooleanField("passed", result.passed());
            json.writeStringField("text", result.describe());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("agents");
        for (AgentTimeline agent : report.agents()) {
            agent(json, agent);
        }
        json.writeEndArray();
        if (report.tune().isPresent()) {
            tune(json, report.tune().get());
        }
        json.writeEndObject();
    }

    /** The guest truth over all agents, and whether it was observed or modelled. */
    private static void truth(JsonGenerator json, RunReport report) throws IOException {
        GuestTruth total = GuestTruth.NONE;
        boolean observed = !report.agents().isEmpty();
        for (AgentTimeline agent : report.agents()) {
            total = total.plus(agent.truth());
            observed &= agent.guestObserved();
        }
        json.writeObjectFieldStart("truth");
        json.writeStringField("source", observed ? "observed by the simulator" : "modelled");
        json.writeNumberField("guestVisibleTypingMs", total.guestVisibleTypingMs());
        json.writeNumberField("composingMs", total.composingMs());
        json.writeNumberField("staleTypingMs", total.staleTypingMs());
        json.writeNumberField("blindTypingMs", total.blindTypingMs());
        json.writeNumberField("maxStaleMs", total.maxStaleMs());
        json.writeNumberField("staleTypingShare", total.staleShare());
        json.writeNumberField("blindTypingShare", total.blindShare());
        json.writeEndObject();
    }

    private static void agent(JsonGenerator json, AgentTimeline agent) throws IOException {
        GuestTruth truth = agent.truth();
        Intervals stale = agent.stale();
        Intervals blind = agent.blind();
        long t0 = start(agent);
        json.writeStartArray();
        json.writeString(agent.conversationId());
        json.writeString(agent.agentId());
        json.writeNumber(truth.staleTypingMs());
        json.writeNumber(truth.blindTypingMs());
        json.writeNumber(truth.guestVisibleTypingMs());
        json.writeNumber(truth.composingMs());
        json.writeNumber(truth.maxStaleMs());
        json.writeNumber(agent.guestObserved() ? 1 : 0);
        json.writeNumber(agent.marksDropped());
        json.writeNumber(t0);
        char[] letters = new char[agent.marks().length];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = agent.marks()[i].letter();
        }
        json.writeString(letters, 0, letters.length);
        json.writeStartArray();
        long previous = t0;
        for (long time : agent.times()) {
            json.writeNumber(time - previous);
            previous = time;
        }
        json.writeEndArray();
        intervals(json, agent.composing(), t0);
        intervals(json, agent.guestSaw(), t0);
        intervals(json, stale, t0);
        intervals(json, blind, t0);
        json.writeEndArray();
    }

    /** The earliest time anything of the agent's happened: its timeline's origin. */
    private static long start(AgentTimeline agent) {
        long start = Long.MAX_VALUE;
        if (agent.times().length > 0) {
            start = agent.times()[0];
        }
        if (agent.composing().size() > 0) {
            start = Math.min(start, agent.composing().start(0));
        }
        if (agent.guestSaw().size() > 0) {
            start = Math.min(start, agent.guestSaw().start(0));
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    private static void intervals(JsonGenerator json, Intervals intervals, long t0) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < intervals.size(); i++) {
            json.writeNumber(intervals.start(i) - t0);
            json.writeNumber(intervals.end(i) - t0);
        }
        json.writeEndArray();
    }

    private static void tune(JsonGenerator json, RunReport.TuneGrid grid) throws IOException {
        json.writeObjectFieldStart("tune");
        json.writeNumberField("budget", grid.budget());
        json.writeArrayFieldStart("cells");
        for (RunReport.TuneCell cell : grid.cells()) {
            json.writeStartArray();
            json.writeNumber(cell.dedupWindowMs());
            json.writeNumber(cell.expiryMs());
            json.writeNumber(cell.staleMs());
            json.writeNumber(cell.blindMs());
            json.writeNumber(cell.requests());
            json.writeNumber(cell.peakRequestsPerMinute());
            json.writeBoolean(cell.fitsBudget());
            json.writeBoolean(cell.recommended());
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Escapes what could end the script element or confuse an HTML parser inside it. */
    private static final class ScriptSafe extends CharacterEscapes {
        private final int[] escapes = standardAsciiEscapesForJSON();

        ScriptSafe() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+2028 and U+2029 end lines in older script parsers
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
