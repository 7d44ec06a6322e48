package dev.gctyping.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NDJSON traces, parsed straight from bytes: a streaming scanner for one flat JSON object per line
 * that reads the fields it knows and skips any other value (nested or not). Strings without
 * escapes are never copied; identifiers are interned from their bytes. Memory is bounded by the
 * longest line, whatever the file size. The usual line is read by {@link CommonLineParser} first;
 * the scanner here reads what it declines.
 */
final class NdjsonTraceReader extends TraceReader {
    private static final int INITIAL_BUFFER = 1 << 20;
    /** Bytes kept ahead of the line being parsed: more than a usual line. */
    private static final int LOOKAHEAD = 1 << 12;

    private final InputStream in;
    private final CountingInputStream counter;
    private final AgentInterner interner;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int lineEnd;

    private final Slice conversation = new Slice();
    private final Slice agent = new Slice();
    private final Slice scratch = new Slice();
    private final IsoInstantScanner iso = new IsoInstantScanner();
    private final CommonLineParser common = new CommonLineParser(iso);

    NdjsonTraceReader(String name, int sourceIndex, InvalidLinePolicy policy, CountingInputStream in, InputStream decoded,
            AgentInterner interner) {
        super(name, sourceIndex, policy);
        this.counter = in;
        this.in = decoded;
        this.interner = interner;
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- lines ----

    /** {@code lineEnd} while the current line's end is not known yet (see {@link #parse}). */
    private static final int UNKNOWN = -1;

    @Override
    protected long nextLine() throws IOException {
        if (lineNumber > 0) {
            pos = lineEnd + 1;
        }
        while (true) {
            if (limit - pos < LOOKAHEAD && !eof && in.available() > 0) {
                // keep the usual line whole in the buffer: a line cut by the buffer's end would be a
                // rare branch in the hot parse, and the JIT recompiles hot code each time one is taken.
                // Only with bytes ready: a live pipe's complete line must not wait for the next one.
                refill();
            }
            if (pos < limit && buf[pos] == '{') {
                // the usual line: parse will find its end, saving a pass over its bytes
                lineNumber++;
                lineEnd = UNKNOWN;
                return lineNumber;
            }
            int newline = findNewline();
            if (newline < 0) {
                return -1;
            }
            lineNumber++;
            lineEnd = newline;
            if (!isBlank(pos, lineEnd)) {
                return lineNumber;
            }
            pos = lineEnd + 1;
        }
    }

    /** Index of the '\n' ending the line at {@code pos} (or a virtual one at EOF), refilling as needed; -1 at end. */
    private int findNewline() throws IOException {
        int from = pos;
        while (true) {
            int newline = ByteScan.newline(buf, from, limit);
            if (newline >= 0) {
                return newline;
            }
            if (eof) {
                if (pos < limit) {
                    // last line without a trailing newline
                    ensureCapacity(limit + 1);
                    buf[limit] = '\n';
                    return limit++;
                }
                return -1;
            }
            from = limit - pos;
            refill();
        }
    }

    private void refill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            pos = 0;
            limit = remaining;
        }
        ensureCapacity(limit + 8192);
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    // ---- one JSON object ----

    private int p;
    private int end;

    private boolean hasTs;
    private boolean hasConversation;
    private boolean hasAgent;
    private EventType type;

    /**
     * Parses the line at {@code pos}. When its end is not known yet, it first parses on up to
     * the end of the buffer and takes the {@code '\n'} after the object as the line's end (a raw
     * newline is invalid anywhere inside an object, so it cannot be skipped over). Anything
     * unusual (a bad line, a line cut by the buffer's end, text after the object) finds the
     * line's end first and parses again, so errors read exactly as with a known end.
     */
    @Override
    protected void parse(TraceEvent into) throws InvalidLine, IOException {
        if (lineEnd == UNKNOWN) {
            int newline = common.parse(buf, pos, limit);
            if (newline != CommonLineParser.DECLINED) {
                lineEnd = newline;
                into.ts = common.ts;
                into.type = common.type;
                into.text = common.text;
                into.communicationId = common.communicationId;
                into.key = interner.intern(buf, common.conversationStart, common.conversationLength, common.conversationHash,
                        buf, common.agentStart, common.agentLength, common.agentHash);
                into.agent = interner.handle(into.key);
                return;
            }
            if (parseUpToNewline(into)) {
                resolve(into);
                return;
            }
            into.text = null;
            into.communicationId = null;
            lineEnd = findNewline();
        }
        end = lineEnd;
        parseObject(into);
        if (p < end) {
            throw syntax("unexpected text after the JSON object", p);
        }
        resolve(into);
    }

    /** True if the line parsed as one object followed by its newline, which becomes {@code lineEnd}. */
    private boolean parseUpToNewline(TraceEvent into) {
        end = limit;
        try {
            parseObject(into);
        } catch (InvalidLine unusual) {
            return false;
        }
        if (p < limit && buf[p] == '\n') {
            lineEnd = p;
            return true;
        }
        return false;
    }

    private void resolve(TraceEvent into) throws InvalidLine {
        if (!hasTs) {
            throw new InvalidLine("missing field \"ts\"");
        }
        if (!hasConversation) {
            throw new InvalidLine("missing field \"conversationId\"");
        }
        if (!hasAgent) {
            throw new InvalidLine("missing field \"agentId\"");
        }
        into.type = type;
        if (type != EventType.SEND) {
            into.text = null;
        }
        into.key = interner.intern(conversation.bytes, conversation.start, conversation.length, agent.bytes, agent.start, agent.length);
        into.agent = interner.handle(into.key);
    }

    /** Parses one object from {@code pos}, leaving {@code p} after it and the whitespace that follows. */
    private void parseObject(TraceEvent into) throws InvalidLine {
        p = pos;
        hasTs = false;
        hasConversation = false;
        hasAgent = false;
        type = EventType.KEYSTROKE;
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            p++;
        } else {
            while (true) {
                skipWhitespace();
                TraceField field = fieldName();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                switch (field) {
                    case TS -> {
                        into.ts = timestamp();
                        hasTs = true;
                    }
                    case CONVERSATION_ID -> {
                        requiredString(conversation, "conversationId");
                        hasConversation = true;
                    }
                    case AGENT_ID -> {
                        requiredString(agent, "agentId");
                        hasAgent = true;
                    }
                    case EVENT -> type = eventType();
                    case TEXT -> into.text = optionalString("text");
                    case COMMUNICATION_ID -> into.communicationId = optionalString("communicationId");
                    case OTHER -> skipValue();
                }
                skipWhitespace();
                byte next = peek();
                p++;
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw syntax("expected ',' or '}'", p - 1);
                }
            }
        }
        skipWhitespace();
    }

    private <T> T nullThen(T value) throws InvalidLine {
        literal("null");
        return value;
    }

    private long timestamp() throws InvalidLine {
        byte c = peek();
        if (c == '"') {
            string(scratch);
            long usual = iso.epochMillis(scratch.bytes, scratch.start, scratch.length);
            return usual != IsoInstantScanner.DECLINED ? usual : TraceTimestamps.parseIso(scratch.decode());
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int digits = c == '-' ? p + 1 : p;
            p = ByteScan.digitsEnd(buf, digits, end);
            if (p - digits > 18) {
                throw new InvalidLine("ts is too large to be epoch milliseconds");
            }
            if (p == digits || (p < end && (buf[p] == '.' || buf[p] == 'e' || buf[p] == 'E'))) {
                throw new InvalidLine("ts must be whole epoch milliseconds or an ISO-8601 string");
            }
            long value = ByteScan.digitsValue(buf, digits, p);
            return c == '-' ? -value : value;
        }
        throw new InvalidLine("ts must be epoch milliseconds (a number) or an ISO-8601 string");
    }

    private void requiredString(Slice into, String field) throws InvalidLine {
        if (peek() != '"') {
            throw new InvalidLine("\"" + field + "\" must be a string");
        }
        string(into);
        if (into.length == 0) {
            throw new InvalidLine("\"" + field + "\" must not be empty");
        }
    }

    private String optionalString(String field) throws InvalidLine {
        if (peek() == 'n') {
            return nullThen(null);
        }
        if (peek() != '"') {
            throw new InvalidLine("\"" + field + "\" must be a string");
        }
        string(scratch);
        return scratch.decode();
    }

    /** Reads a quoted key and tells which known field it is. */
    private TraceField fieldName() throws InvalidLine {
        if (peek() != '"') {
            throw syntax("expected a field name in double quotes", p);
        }
        TraceField known = TraceField.at(buf, p + 1, end);
        if (known != TraceField.OTHER) {
            p += 1 + known.nameAndQuote.length;
            return known;
        }
        string(scratch);
        return TraceField.named(scratch.bytes, scratch.start, scratch.length);
    }

    /** The event name, matched on its bytes: the usual values never become Strings. */
    private EventType eventType() throws InvalidLine {
        if (peek() == 'n') {
            literal("null");
            return EventType.KEYSTROKE;
        }
        if (peek() != '"') {
            throw new InvalidLine("\"event\" must be a string");
        }
        string(scratch);
        EventType named = EventType.named(scratch.bytes, scratch.start, scratch.length);
        return named != null ? named : EventType.parse(scratch.decode());
    }

    /**
     * Reads the string starting at {@code p} (on its opening quote) into {@code into}: a view of
     * the line when it has no escapes, else a decoded copy.
     */
    private void string(Slice into) throws InvalidLine {
        int start = ++p;
        int special = ByteScan.stringSpecial(buf, start, end);
        if (special < 0) {
            throw new InvalidLine("unterminated string");
        }
        byte b = buf[special];
        if (b == '"') {
            into.view(buf, start, special - start);
            p = special + 1;
        } else if (b == '\\') {
            p = start;
            unescape(into);
        } else {
            throw syntax("control character in string", special);
        }
    }

    private void unescape(Slice into) throws InvalidLine {
        into.clearOwned();
        while (true) {
            if (p >= end) {
                throw new InvalidLine("unterminated string");
            }
            byte b = buf[p++];
            if (b == '"') {
                return;
            }
            if (b == '\n') {
                throw new InvalidLine("unterminated string");
            }
            if (b != '\\') {
                into.append(b);
                continue;
            }
            if (p >= end) {
                throw new InvalidLine("unterminated string");
            }
            byte e = buf[p++];
            switch (e) {
                case '"', '\\', '/' -> into.append(e);
                case 'b' -> into.append((byte) '\b');
                case 'f' -> into.append((byte) '\f');
                case 'n' -> into.append((byte) '\n');
                case 'r' -> into.append((byte) '\r');
                case 't' -> into.append((byte) '\t');
                case 'u' -> {
                    int code = hex4();
                    if (Character.isHighSurrogate((char) code) && p + 1 < end && buf[p] == '\\' && buf[p + 1] == 'u') {
                        p += 2;
                        code = Character.toCodePoint((char) code, (char) hex4());
                    }
                    into.appendUtf8(code);
                }
                default -> throw syntax("invalid escape \\" + (char) e, p - 1);
            }
        }
    }

    private int hex4() throws InvalidLine {
        if (p + 4 > end) {
            throw new InvalidLine("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(buf[p++], 16);
            if (digit < 0) {
                throw syntax("invalid \\u escape", p - 1);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Skips any JSON value, nested objects and arrays included. */
    private void skipValue() throws InvalidLine {
        byte c = peek();
        switch (c) {
            case '"' -> string(scratch);
            case '{', '[' -> skipNested();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                int start = p;
                while (p < end && ByteScan.isNumberChar(buf[p])) {
                    p++;
                }
                if (p == start) {
                    throw syntax("expected a JSON value", p);
                }
            }
        }
    }

    private void skipNested() throws InvalidLine {
        int depth = 0;
        do {
            if (p >= end) {
                throw new InvalidLine("unterminated object or array");
            }
            byte b = buf[p];
            if (b == '"') {
                string(scratch);
                continue;
            }
            if (b == '\n') {
                throw new InvalidLine("unterminated object or array");
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            p++;
        } while (depth > 0);
    }

    private void literal(String word) throws InvalidLine {
        for (int i = 0; i < word.length(); i++) {
            if (p >= end || buf[p] != word.charAt(i)) {
                throw syntax("expected " + word, p);
            }
            p++;
        }
    }

    private void skipWhitespace() {
        while (p < end) {
            byte b = buf[p];
            // every byte above the space is not whitespace: one compare for the usual case
            if (b > ' ' || (b != ' ' && b != '\t' && b != '\r')) {
                return;
            }
            p++;
        }
    }

    private byte peek() throws InvalidLine {
        if (p >= end) {
            throw new InvalidLine(p == pos || isBlank(pos, end) ? "not a JSON object" : "truncated JSON object");
        }
        return buf[p];
    }

    private void expect(char c) throws InvalidLine {
        if (peek() != c) {
            throw c == '{' ? new InvalidLine("not a JSON object") : syntax("expected '" + c + "'", p);
        }
        p++;
    }

    private InvalidLine syntax(String what, int at) {
        return new InvalidLine("malformed JSON at column " + (at - pos + 1) + ": " + what);
    }

    /** A string's UTF-8 bytes: a view into the line buffer, or an owned copy when it had escapes. */
    private static final class Slice {
        byte[] bytes;
        int start;
        int length;
        private byte[] owned = new byte[64];

        void view(byte[] source, int from, int len) {
            bytes = source;
            start = from;
            length = len;
        }

        void clearOwned() {
            bytes = owned;
            start = 0;
            length = 0;
        }

        void append(byte b) {
            if (length == owned.length) {
                owned = Arrays.copyOf(owned, length * 2);
                bytes = owned;
            }
            owned[length++] = b;
        }

        void appendUtf8(int codePoint) {
            byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            for (byte b : encoded) {
                append(b);
            }
        }

        String decode() {
            return new String(bytes, start, length, StandardCharsets.UTF_8);
        }
    }
}
