package dev.gctyping.trace;

import dev.gctyping.engine.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NDJSON traces, parsed straight from bytes: a streaming scanner for one flat JSON object per line
 * that reads the fields it knows and checks and skips any other value (nested or not). A line is
 * valid JSON in UTF-8 or it is rejected: a skipped field is held to the grammar as strictly as a
 * read one, and no two distinct ids can decode to the same text. Strings without escapes are never
 * copied; identifiers are interned from their bytes. The usual line is read by
 * {@link CommonLineParser} first; the scanner here reads what it declines.
 */
final class NdjsonTraceReader extends LineReader {
    private final AgentInterner interner;

    private final Slice conversation = new Slice();
    private final Slice agent = new Slice();
    private final Slice scratch = new Slice();
    private final IsoInstantScanner iso = new IsoInstantScanner();
    private final CommonLineParser common = new CommonLineParser(iso);
    /** Whether each open array or object of a skipped value is an object, innermost last. */
    private boolean[] nesting = new boolean[16];

    NdjsonTraceReader(
            String name,
            int sourceIndex,
            InvalidLinePolicy policy,
            CountingInputStream in,
            InputStream decoded,
            int maxLineBytes,
            AgentInterner interner) {
        super(name, sourceIndex, policy, in, decoded, maxLineBytes, true);
        this.interner = interner;
    }

    // ---- one JSON object ----

    private int p;
    private int end;

    private boolean hasTs;
    private boolean hasConversation;
    private boolean hasAgent;
    private EventType type;
    /** A settings line's values as read: {@link #ABSENT}, a number, or {@link #NOT_A_NUMBER}. */
    private long dedupWindowMs;

    private long expiryMs;
    private static final long ABSENT = -1;
    private static final long NOT_A_NUMBER = -2;

    /**
     * Parses the line at {@code pos}. When its end is not known yet, it first parses on up to
     * the end of the buffer (or of the longest line allowed) and takes the {@code '\n'} after the
     * object as the line's end (a raw newline is invalid anywhere inside an object, so it cannot be
     * skipped over). Anything unusual (a bad line, a line cut by the buffer's end, text after the
     * object) finds the line's end first and parses again, so errors read exactly as with a known end.
     */
    @Override
    protected void parseLine(TraceEvent into) throws InvalidLine, IOException {
        if (lineEnd == UNKNOWN) {
            int window = scanLimit();
            int newline = common.parse(buf, pos, window);
            if (newline != CommonLineParser.DECLINED) {
                lineEnd = newline;
                into.ts = common.ts;
                into.type = common.type;
                into.text = common.text;
                into.communicationId = common.communicationId;
                into.key = interner.intern(
                        buf,
                        common.conversationStart,
                        common.conversationLength,
                        common.conversationHash,
                        buf,
                        common.agentStart,
                        common.agentLength,
                        common.agentHash);
                into.agent = interner.handle(into.key);
                return;
            }
            if (parseUpToNewline(into, window)) {
                resolve(into);
                return;
            }
            into.text = null;
            into.communicationId = null;
            findLineEnd();
        }
        end = lineEnd;
        parseObject(into);
        if (p < end) {
            throw syntax("unexpected text after the JSON object", p);
        }
        resolve(into);
    }

    /** True if the line parsed as one object followed by its newline (before {@code window}), which becomes {@code lineEnd}. */
    private boolean parseUpToNewline(TraceEvent into, int window) {
        end = window;
        try {
            parseObject(into);
        } catch (InvalidLine unusual) {
            return false;
        }
        if (p < window && buf[p] == '\n') {
            lineEnd = p;
            return true;
        }
        return false;
    }

    private void resolve(TraceEvent into) throws InvalidLine {
        if (!hasTs) {
            throw new InvalidLine("missing field \"ts\"");
        }
        if (type == EventType.SETTINGS) {
            resolveSettings(into);
            return;
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
        into.key = interner.intern(
                conversation.bytes, conversation.start, conversation.length, agent.bytes, agent.start, agent.length);
        into.agent = interner.handle(into.key);
    }

    /**
     * A settings line changes the engine's settings for every agent, so it names none; both values
     * are whole milliseconds, as the engine takes them.
     */
    private void resolveSettings(TraceEvent into) throws InvalidLine {
        if (hasConversation || hasAgent) {
            throw new InvalidLine("a settings line applies to every agent: it has no conversationId or agentId");
        }
        into.type = EventType.SETTINGS;
        into.text = null;
        into.communicationId = null;
        into.key = -1;
        into.agent = -1;
        into.settings =
                new EngineSettings(settingsValue(dedupWindowMs, "dedupWindowMs"), settingsValue(expiryMs, "expiryMs"));
    }

    private static long settingsValue(long value, String field) throws InvalidLine {
        if (value == ABSENT) {
            throw new InvalidLine("a settings line needs \"" + field + "\"");
        }
        if (value <= 0) {
            throw new InvalidLine("\"" + field + "\" must be a positive whole number of milliseconds");
        }
        return value;
    }

    /**
     * A settings value; on other lines these names are skipped as any unknown field is. A value
     * that is no whole number is remembered as such, to be refused only if the line is a settings one.
     */
    private long settingsNumber() throws InvalidLine {
        byte c = peek();
        if (c >= '0' && c <= '9') {
            int start = p;
            number();
            int digitsEnd = ByteScan.digitsEnd(buf, start, p);
            if (digitsEnd == p && p - start <= 15) {
                return ByteScan.digitsValue(buf, start, p);
            }
            return NOT_A_NUMBER;
        }
        skipValue();
        return NOT_A_NUMBER;
    }

    /** Parses one object from {@code pos}, leaving {@code p} after it and the whitespace that follows. */
    private void parseObject(TraceEvent into) throws InvalidLine {
        p = pos;
        hasTs = false;
        hasConversation = false;
        hasAgent = false;
        type = EventType.KEYSTROKE;
        dedupWindowMs = ABSENT;
        expiryMs = ABSENT;
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
                    case DEDUP_WINDOW_MS -> dedupWindowMs = settingsNumber();
                    case EXPIRY_MS -> expiryMs = settingsNumber();
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
            int start = p;
            number();
            int digits = c == '-' ? start + 1 : start;
            int digitsEnd = ByteScan.digitsEnd(buf, digits, p);
            if (digitsEnd != p) {
                throw new InvalidLine("ts must be whole epoch milliseconds or an ISO-8601 string");
            }
            if (digitsEnd - digits > 15) { // more than TraceTimestamps.MAX has
                throw TraceTimestamps.outOfRange(new String(buf, start, p - start, StandardCharsets.US_ASCII));
            }
            long value = ByteScan.digitsValue(buf, digits, digitsEnd);
            return TraceTimestamps.inRange(c == '-' ? -value : value);
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
     * the line when it has no escapes, else a decoded copy. Its bytes must be well-formed UTF-8.
     */
    private void string(Slice into) throws InvalidLine {
        int start = ++p;
        int at = start;
        while (true) {
            int special = ByteScan.stringSpecial(buf, at, end);
            if (special < 0) {
                throw new InvalidLine("unterminated string");
            }
            byte b = buf[special];
            if (b == '"') {
                into.view(buf, start, special - start);
                p = special + 1;
                return;
            }
            if (b == '\\') {
                into.clearOwned();
                into.append(buf, start, special - start);
                p = special;
                unescape(into);
                return;
            }
            at = afterUtf8(special);
        }
    }

    /** Decodes the rest of a string from the backslash at {@code p} on, leaving {@code p} after its closing quote. */
    private void unescape(Slice into) throws InvalidLine {
        while (true) {
            int escape = p++;
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
                case 'u' -> into.appendUtf8(codePoint(escape));
                default -> throw syntax("invalid escape \\" + (char) (e & 0xFF), p - 1);
            }
            int run = p;
            while (true) {
                int special = ByteScan.stringSpecial(buf, run, end);
                if (special < 0) {
                    throw new InvalidLine("unterminated string");
                }
                byte b = buf[special];
                if (b == '"' || b == '\\') {
                    into.append(buf, p, special - p);
                    if (b == '"') {
                        p = special + 1;
                        return;
                    }
                    p = special;
                    break;
                }
                run = afterUtf8(special);
            }
        }
    }

    /** The character of the {@code \\u} escape at {@code escape}: a pair of them for one beyond U+FFFF, never a lone surrogate. */
    private int codePoint(int escape) throws InvalidLine {
        int code = hex4();
        if (Character.isHighSurrogate((char) code) && p + 1 < end && buf[p] == '\\' && buf[p + 1] == 'u') {
            p += 2;
            int low = hex4();
            if (Character.isLowSurrogate((char) low)) {
                return Character.toCodePoint((char) code, (char) low);
            }
        }
        if (Character.isSurrogate((char) code)) {
            throw syntax("lone surrogate \\u" + Integer.toHexString(code) + " (half of a pair: no character)", escape);
        }
        return code;
    }

    /** Past the well-formed UTF-8 sequence at {@code i}, where a string's plain run stopped on something else than a quote or backslash. */
    private int afterUtf8(int i) throws InvalidLine {
        if (buf[i] >= 0) {
            throw syntax("control character in string", i);
        }
        int next = ByteScan.utf8SequenceEnd(buf, i, end);
        if (next < 0) {
            throw notUtf8(i);
        }
        return next;
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

    /**
     * Skips any JSON value, checking that it is well-formed; nested arrays and objects are followed
     * with {@link #nesting}, not recursion, so no depth can overflow the stack.
     */
    private void skipValue() throws InvalidLine {
        int depth = 0;
        while (true) {
            byte c = peek();
            if (c == '{' || c == '[') {
                p++;
                if (depth == nesting.length) {
                    nesting = Arrays.copyOf(nesting, depth * 2);
                }
                nesting[depth++] = c == '{';
                skipWhitespace();
                if (peek() != (c == '{' ? '}' : ']')) {
                    if (c == '{') {
                        memberName();
                    }
                    continue; // to the first element
                }
                p++;
                depth--;
            } else {
                skipScalar(c);
            }
            // after a value: close what ends here, then go on to the next element, if any
            while (true) {
                if (depth == 0) {
                    return;
                }
                boolean object = nesting[depth - 1];
                skipWhitespace();
                byte next = peek();
                p++;
                if (next == ',') {
                    skipWhitespace();
                    if (object) {
                        memberName();
                    }
                    break;
                }
                if (next != (object ? '}' : ']')) {
                    throw syntax(object ? "expected ',' or '}'" : "expected ',' or ']'", p - 1);
                }
                depth--;
            }
        }
    }

    private void skipScalar(byte c) throws InvalidLine {
        switch (c) {
            case '"' -> string(scratch);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw syntax("expected a JSON value", p);
                }
                number();
            }
        }
    }

    /** In a skipped object: a member's name and colon, leaving {@code p} on its value. */
    private void memberName() throws InvalidLine {
        if (peek() != '"') {
            throw syntax("expected a field name in double quotes", p);
        }
        string(scratch);
        skipWhitespace();
        expect(':');
        skipWhitespace();
    }

    /** Moves past the JSON number at {@code p}. */
    private void number() throws InvalidLine {
        int numberEnd = ByteScan.numberEnd(buf, p, end);
        if (numberEnd < 0) {
            int digit = buf[p] == '-' ? p + 1 : p;
            boolean leadingZero =
                    digit + 1 < end && buf[digit] == '0' && buf[digit + 1] >= '0' && buf[digit + 1] <= '9';
            throw syntax(leadingZero ? "a number with a leading zero" : "malformed number", p);
        }
        p = numberEnd;
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
            throw c == '{' ? notAnObject() : syntax("expected '" + c + "'", p);
        }
        p++;
    }

    /** The line does not start with '{': maybe it is CSV, read without --format csv. */
    private InvalidLine notAnObject() {
        String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
        return new InvalidLine(
                CsvTraceReader.looksLikeHeader(line)
                        ? "not a JSON object: this looks like a CSV header; use --format csv"
                        : "not a JSON object");
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

        void append(byte[] source, int from, int len) {
            if (length + len > owned.length) {
                owned = Arrays.copyOf(owned, Math.max(length + len, length * 2));
                bytes = owned;
            }
            System.arraycopy(source, from, owned, length, len);
            length += len;
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
