package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;

/**
 * The fast path for the usual trace line: one flat object whose values are plain strings (no
 * escapes), whole-number timestamps, {@code true}/{@code false}/{@code null} or numbers, ending
 * its line. Everything happens on local variables in this one method, with plain byte loops: the
 * JIT compiles it early and small, which is most of a short replay's speed (a replay of a few
 * seconds runs largely before the compiler has caught up with bigger code).
 *
 * <p>It accepts only what it fully understands and then reads exactly what the general parser in
 * {@link NdjsonTraceReader} would. Anything else (an escape, a nested value, an ISO timestamp, a
 * missing or empty id, an unknown event, a line cut by the buffer's end, any syntax error) is
 * declined, and the general parser reads the line, its error messages included.
 */
final class CommonLineParser {
    /** What {@link #parse} returns for a line it leaves to the general parser. */
    static final int DECLINED = -1;

    private static final byte[] TS = name("ts");
    private static final byte[] CONVERSATION_ID = name("conversationId");
    private static final byte[] COMMUNICATION_ID = name("communicationId");
    private static final byte[] AGENT_ID = name("agentId");
    private static final byte[] EVENT = name("event");
    private static final byte[] TEXT = name("text");
    private static final byte[] KEYSTROKE = name("keystroke");
    private static final byte[] SEND = name("send");
    private static final byte[] BLUR = name("blur");
    private static final byte[] TRUE = name("true");
    private static final byte[] FALSE = name("false");
    private static final byte[] NULL = name("null");

    long ts;
    EventType type;
    int conversationStart;
    int conversationLength;
    int agentStart;
    int agentLength;
    /** Decoded only when present: rare fields. */
    String text;
    String communicationId;

    /**
     * Parses the object at {@code from} (its {@code '{'}), looking no further than {@code limit}.
     * Returns the index of the {@code '\n'} that ends the line, or {@link #DECLINED}.
     */
    int parse(byte[] b, int from, int limit) {
        boolean hasTs = false;
        boolean hasConversation = false;
        boolean hasAgent = false;
        EventType event = EventType.KEYSTROKE;
        String text = null;
        String communicationId = null;
        int p = from + 1;
        while (true) {
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (p >= limit || b[p] != '"') {
                return DECLINED;
            }
            int nameStart = p + 1;
            p = plainStringEnd(b, nameStart, limit);
            if (p < 0) {
                return DECLINED;
            }
            int nameLength = p - nameStart;
            p++;
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (p >= limit || b[p] != ':') {
                return DECLINED;
            }
            p++;
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (p >= limit) {
                return DECLINED;
            }
            byte first = b[p];
            if (first == '"') {
                int start = p + 1;
                p = plainStringEnd(b, start, limit);
                if (p < 0) {
                    return DECLINED;
                }
                int length = p - start;
                p++;
                if (is(b, nameStart, nameLength, TS)) {
                    return DECLINED; // an ISO-8601 timestamp
                } else if (is(b, nameStart, nameLength, CONVERSATION_ID)) {
                    if (length == 0) {
                        return DECLINED;
                    }
                    conversationStart = start;
                    conversationLength = length;
                    hasConversation = true;
                } else if (is(b, nameStart, nameLength, AGENT_ID)) {
                    if (length == 0) {
                        return DECLINED;
                    }
                    agentStart = start;
                    agentLength = length;
                    hasAgent = true;
                } else if (is(b, nameStart, nameLength, EVENT)) {
                    if (is(b, start, length, KEYSTROKE) || length == 0) {
                        event = EventType.KEYSTROKE;
                    } else if (is(b, start, length, SEND)) {
                        event = EventType.SEND;
                    } else if (is(b, start, length, BLUR)) {
                        event = EventType.BLUR;
                    } else {
                        return DECLINED;
                    }
                } else if (is(b, nameStart, nameLength, TEXT)) {
                    text = new String(b, start, length, StandardCharsets.UTF_8);
                } else if (is(b, nameStart, nameLength, COMMUNICATION_ID)) {
                    communicationId = new String(b, start, length, StandardCharsets.UTF_8);
                }
            } else if ((first >= '0' && first <= '9') || first == '-') {
                if (is(b, nameStart, nameLength, TS)) {
                    boolean negative = first == '-';
                    if (negative) {
                        p++;
                    }
                    long value = 0;
                    int digits = 0;
                    while (p < limit && b[p] >= '0' && b[p] <= '9') {
                        value = value * 10 + (b[p++] - '0');
                        digits++;
                    }
                    if (digits == 0 || digits > 18) {
                        return DECLINED;
                    }
                    ts = negative ? -value : value; // a fraction or exponent after it fails the ',' or '}' check below
                    hasTs = true;
                } else if (isKnown(b, nameStart, nameLength)) {
                    return DECLINED; // a number where a string belongs
                } else {
                    while (p < limit && isNumberChar(b[p])) {
                        p++;
                    }
                }
            } else if ((first == 't' || first == 'f' || first == 'n') && !isKnown(b, nameStart, nameLength)
                    && !is(b, nameStart, nameLength, TS)) {
                byte[] literal = first == 't' ? TRUE : first == 'f' ? FALSE : NULL;
                if (!is(b, p, Math.min(literal.length, limit - p), literal)) {
                    return DECLINED;
                }
                p += literal.length;
            } else {
                return DECLINED;
            }
            while (p < limit && b[p] == ' ') {
                p++;
            }
            if (p >= limit) {
                return DECLINED;
            }
            if (b[p] == '}') {
                p++;
                break;
            }
            if (b[p] != ',') {
                return DECLINED;
            }
            p++;
        }
        while (p < limit && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        if (p >= limit || b[p] != '\n' || !hasTs || !hasConversation || !hasAgent) {
            return DECLINED;
        }
        this.type = event;
        this.text = event == EventType.SEND ? text : null;
        this.communicationId = communicationId;
        return p;
    }

    /** Whether the name is one the general parser reads (and so checks the type of). */
    private static boolean isKnown(byte[] b, int start, int length) {
        return is(b, start, length, CONVERSATION_ID) || is(b, start, length, AGENT_ID) || is(b, start, length, EVENT)
                || is(b, start, length, TEXT) || is(b, start, length, COMMUNICATION_ID);
    }

    /** The index of the quote closing a string that starts at {@code from}; -1 if it has an escape or a control character, or is cut off. */
    private static int plainStringEnd(byte[] b, int from, int limit) {
        for (int p = from; p < limit; p++) {
            byte c = b[p];
            if (c == '"') {
                return p;
            }
            if (c == '\\' || (c >= 0 && c < ' ')) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean is(byte[] b, int start, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private static byte[] name(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
