package dev.gctyping.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV traces: a header row naming the columns ({@code ts,conversationId,agentId,event[,key]}, in
 * any order, extra columns ignored), then one event per row. Fields may be double-quoted
 * (RFC 4180, {@code ""} for a quote); a quoted field cannot span lines. An empty {@code event}
 * cell is a keystroke. Rows must be UTF-8.
 */
final class CsvTraceReader extends LineReader {
    private final AgentInterner interner;
    private final List<String> fields = new ArrayList<>();
    private int tsColumn = -1;
    private int conversationColumn = -1;
    private int agentColumn = -1;
    private int eventColumn = -1;
    private int textColumn = -1;
    private int communicationColumn = -1;
    private int columns;

    CsvTraceReader(
            String name,
            int sourceIndex,
            InvalidLinePolicy policy,
            CountingInputStream counter,
            InputStream decoded,
            int maxLineBytes,
            AgentInterner interner) {
        super(name, sourceIndex, policy, counter, decoded, maxLineBytes, false);
        this.interner = interner;
    }

    /** Whether the line names the columns a CSV trace needs, as its header does. */
    static boolean looksLikeHeader(String line) {
        List<String> cells = new ArrayList<>();
        try {
            split(line, cells);
        } catch (InvalidLine notCsv) {
            return false;
        }
        List<String> names =
                cells.stream().map(cell -> cell.trim().toLowerCase(Locale.ROOT)).toList();
        return names.contains("ts") && names.contains("conversationid") && names.contains("agentid");
    }

    @Override
    protected long nextLine() throws IOException {
        long line = super.nextLine();
        if (line > 0 && columns == 0) {
            readHeader(line);
            line = super.nextLine();
        }
        return line;
    }

    private void readHeader(long line) {
        String header;
        try {
            header = text();
            split(header, fields);
        } catch (InvalidLine e) {
            throw new TraceFormatException(name(), line, "bad CSV header: " + e.getMessage());
        }
        columns = fields.size();
        for (int i = 0; i < columns; i++) {
            switch (fields.get(i).trim().toLowerCase(Locale.ROOT)) {
                case "ts" -> tsColumn = i;
                case "conversationid" -> conversationColumn = i;
                case "agentid" -> agentColumn = i;
                case "event" -> eventColumn = i;
                case "text" -> textColumn = i;
                case "communicationid" -> communicationColumn = i;
                default -> {
                    // "key" and any other column: allowed, not used
                }
            }
        }
        if (tsColumn < 0 || conversationColumn < 0 || agentColumn < 0) {
            throw new TraceFormatException(
                    name(),
                    line,
                    "CSV header must name the columns ts,conversationId,agentId[,event][,key]; got: " + header);
        }
    }

    @Override
    protected void parseLine(TraceEvent into) throws InvalidLine {
        split(text(), fields);
        if (fields.size() != columns) {
            throw new InvalidLine("expected " + columns + " columns as in the header, found " + fields.size());
        }
        into.ts = TraceTimestamps.parse(fields.get(tsColumn).trim());
        String event = eventColumn < 0 ? "" : fields.get(eventColumn).trim();
        into.type = event.isEmpty() ? EventType.KEYSTROKE : EventType.parse(event);
        if (into.type == EventType.SETTINGS) {
            throw new InvalidLine("settings lines are read from NDJSON traces only (as the live prompt records them)");
        }
        String conversation = required(conversationColumn, "conversationId");
        String agent = required(agentColumn, "agentId");
        into.text = into.type == EventType.SEND ? optional(textColumn) : null;
        into.communicationId = optional(communicationColumn);
        into.key = interner.intern(conversation, agent);
        into.agent = interner.handle(into.key);
    }

    /** The current line as text, if it is UTF-8 (a decoder would replace bad bytes, and distinct ids could merge). */
    private String text() throws InvalidLine {
        checkLength();
        int bad = ByteScan.firstInvalidUtf8(buf, pos, lineEnd);
        if (bad >= 0) {
            throw notUtf8(bad);
        }
        return new String(buf, pos, lineEnd - pos, StandardCharsets.UTF_8);
    }

    private String required(int column, String name) throws InvalidLine {
        String value = fields.get(column);
        if (value.isEmpty()) {
            throw new InvalidLine("missing " + name);
        }
        return value;
    }

    private String optional(int column) {
        return column < 0 || fields.get(column).isEmpty() ? null : fields.get(column);
    }

    private static void split(String row, List<String> fields) throws InvalidLine {
        fields.clear();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < row.length() && row.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c != '\r' || i != row.length() - 1) {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidLine("unterminated quoted field");
        }
        fields.add(field.toString());
    }
}
