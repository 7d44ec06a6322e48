package dev.gctyping.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV traces: a header row naming the columns ({@code ts,conversationId,agentId,event[,key]}, in
 * any order, extra columns ignored), then one event per row. Fields may be double-quoted
 * (RFC 4180, {@code ""} for a quote); a quoted field cannot span lines.
 */
final class CsvTraceReader extends TraceReader {
    private final BufferedReader in;
    private final CountingInputStream counter;
    private final AgentInterner interner;
    private final List<String> fields = new ArrayList<>();
    private int tsColumn = -1;
    private int conversationColumn = -1;
    private int agentColumn = -1;
    private int eventColumn = -1;
    private int textColumn = -1;
    private int communicationColumn = -1;
    private int columns;
    private long lineNumber;
    private String line;

    CsvTraceReader(String name, int sourceIndex, InvalidLinePolicy policy, CountingInputStream counter, BufferedReader in,
            AgentInterner interner) {
        super(name, sourceIndex, policy);
        this.counter = counter;
        this.in = in;
        this.interner = interner;
    }

    @Override
    protected long nextLine() throws IOException {
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (columns == 0) {
                readHeader();
                continue;
            }
            return lineNumber;
        }
        return -1;
    }

    private void readHeader() {
        try {
            split(line);
        } catch (InvalidLine e) {
            throw new TraceFormatException(name(), lineNumber, "bad CSV header: " + e.getMessage());
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
            throw new TraceFormatException(name(), lineNumber,
                    "CSV header must name the columns ts,conversationId,agentId[,event][,key]; got: " + line);
        }
    }

    @Override
    protected void parse(TraceEvent into) throws InvalidLine {
        split(line);
        if (fields.size() != columns) {
            throw new InvalidLine("expected " + columns + " columns as in the header, found " + fields.size());
        }
        into.ts = TraceTimestamps.parse(fields.get(tsColumn).trim());
        String conversation = required(conversationColumn, "conversationId");
        String agent = required(agentColumn, "agentId");
        into.type = eventColumn < 0 ? EventType.KEYSTROKE : EventType.parse(fields.get(eventColumn).trim());
        into.text = into.type == EventType.SEND ? optional(textColumn) : null;
        into.communicationId = optional(communicationColumn);
        into.key = interner.intern(conversation, agent);
        into.agent = interner.handle(into.key);
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

    private void split(String row) throws InvalidLine {
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

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
