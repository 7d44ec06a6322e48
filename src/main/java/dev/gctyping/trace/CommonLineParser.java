package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;

/**
 * The fast path for the usual trace line: one flat object whose values are plain strings (no
 * escapes), whole-number or usual ISO-8601 timestamps, {@code true}/{@code false}/{@code null} or
 * numbers, ending its line. Everything happens on local variables in this one method: the
 * JIT compiles it early and small, which is most of a short replay's speed (a replay of a few
 * seconds runs largely before the compiler has caught up with bigger code).
 *
 * <p>It accepts only what it fully understands and then reads exactly what the general parser in
 * {@link NdjsonTraceReader} would. Anything else (an escape, a nested value, an unusual ISO time, a
 * missing or empty id, an unknown event, a line cut by the buffer's end, any syntax error) is
 * declined, and the general parser reads the line, its error messages included.
 */
final class CommonLineParser {
    /** What {@link #parse} returns for a line it leaves to the general parser. */
    static final int DECLINED = -1;

    private static final byte[] KEYSTROKE = name("keystroke");
    private static final byte[] SEND = name("send");
    private static final byte[] BLUR = name("blur");
    private static final byte[] TRUE = name("true");
    private static final byte[] FALSE = name("false");
    private static final byte[] NULL = name("null");

    private static final int F_OTHER = 0;
    private static final int F_TS = 1;
    private static final int F_CONVERSATION = 2;
    private static final int F_AGENT = 3;
    private static final int F_EVENT = 4;
    private static final int F_TEXT = 5;
    private static final int F_COMMUNICATION = 6;
    /** By field: the name after its opening quote, closing quote included. */
    private static final byte[][] QUOTED_NAMES = {
        null, name("ts\""), name("conversationId\""), name("agentId\""), name("event\""), name("text\""), name("communicationId\""),
    };

    long ts;
    EventType type;
    int conversationStart;
    int conversationLength;
    int agentStart;
    int agentLength;
    int conversationHash;
    int agentHash;
    private final IsoInstantScanner iso = new IsoInstantScanner();
    /** The hash {@link #hashedStringEnd} leaves. */
    private int scannedHash;
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
            int field = knownField(b, nameStart, limit);
            if (field != F_OTHER) {
                p = nameStart + QUOTED_NAMES[field].length;
            } else {
                p = plainStringEnd(b, nameStart, limit);
                if (p < 0) {
                    return DECLINED;
                }
                p++;
            }
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
                p = field == F_CONVERSATION || field == F_AGENT ? hashedStringEnd(b, start, limit) : plainStringEnd(b, start, limit);
                if (p < 0) {
                    return DECLINED;
                }
                int length = p - start;
                p++;
                switch (field) {
                    case F_CONVERSATION -> {
                        conversationStart = start;
                        conversationLength = length;
                        conversationHash = scannedHash;
                        hasConversation = length > 0;
                    }
                    case F_AGENT -> {
                        agentStart = start;
                        agentLength = length;
                        agentHash = scannedHash;
                        hasAgent = length > 0;
                    }
                    case F_EVENT -> event = eventType(b, start, length);
                    case F_TEXT -> text = new String(b, start, length, StandardCharsets.UTF_8);
                    case F_COMMUNICATION -> communicationId = new String(b, start, length, StandardCharsets.UTF_8);
                    case F_TS -> {
                        ts = iso.epochMillis(b, start, length);
                        hasTs = ts != IsoInstantScanner.DECLINED;
                        if (!hasTs) {
                            return DECLINED; // an ISO-8601 form or an error the general parser reads
                        }
                    }
                    default -> {
                    }
                }
                if (event == null || (field == F_CONVERSATION && !hasConversation) || (field == F_AGENT && !hasAgent)) {
                    return DECLINED; // an unknown event or an empty id: the general parser words the error
                }
            } else if ((first >= '0' && first <= '9') || first == '-') {
                if (field == F_TS) {
                    boolean negative = first == '-';
                    if (negative) {
                        p++;
                    }
                    long value = 0;
                    int digits = 0;
                    for (long eight; digits <= 10 && p + 8 <= limit && ByteScan.isEightDigits(eight = ByteScan.word(b, p)); p += 8) {
                        value = value * 100_000_000 + ByteScan.eightDigits(eight);
                        digits += 8;
                    }
                    while (p < limit && b[p] >= '0' && b[p] <= '9') {
                        value = value * 10 + (b[p++] - '0');
                        digits++;
                    }
                    if (digits == 0 || digits > 18) {
                        return DECLINED;
                    }
                    ts = negative ? -value : value; // a fraction or exponent after it fails the ',' or '}' check below
                    hasTs = true;
                } else if (field != F_OTHER) {
                    return DECLINED; // a number where a string belongs
                } else {
                    while (p < limit && isNumberChar(b[p])) {
                        p++;
                    }
                }
            } else if ((first == 't' || first == 'f' || first == 'n') && field == F_OTHER) {
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

    /**
     * The known field whose name, with its closing quote, starts at {@code at}; else {@link #F_OTHER}
     * (a known name spelled with an escape is declined later, when its scan meets the backslash).
     * Matched in place: the usual names are never scanned for their end.
     */
    private static int knownField(byte[] b, int at, int limit) {
        if (at >= limit) {
            return F_OTHER;
        }
        return switch (b[at]) {
            case 't' -> nameAt(b, at, limit, F_TS) ? F_TS : nameAt(b, at, limit, F_TEXT) ? F_TEXT : F_OTHER;
            case 'c' -> nameAt(b, at, limit, F_CONVERSATION) ? F_CONVERSATION
                    : nameAt(b, at, limit, F_COMMUNICATION) ? F_COMMUNICATION : F_OTHER;
            case 'a' -> nameAt(b, at, limit, F_AGENT) ? F_AGENT : F_OTHER;
            case 'e' -> nameAt(b, at, limit, F_EVENT) ? F_EVENT : F_OTHER;
            default -> F_OTHER;
        };
    }

    private static boolean nameAt(byte[] b, int at, int limit, int field) {
        byte[] quoted = QUOTED_NAMES[field];
        return at + quoted.length <= limit && ByteScan.equal(b, at, quoted, 0, quoted.length);
    }

    /** The event a plain string names (empty means keystroke), or null for one the general parser must report. */
    private static EventType eventType(byte[] b, int start, int length) {
        if (length == 0 || is(b, start, length, KEYSTROKE)) {
            return EventType.KEYSTROKE;
        }
        if (is(b, start, length, SEND)) {
            return EventType.SEND;
        }
        return is(b, start, length, BLUR) ? EventType.BLUR : null;
    }

    /**
     * Like {@link #plainStringEnd}, for an id: also leaves the id's {@link ByteScan#hash} in
     * {@link #scannedHash}, computed on the words the scan loads anyway. Declines (-1) within a
     * word of the limit; the general parser reads that line.
     */
    private int hashedStringEnd(byte[] b, int from, int limit) {
        long h = 0;
        for (int i = from; i + 8 <= limit; i += 8) {
            long word = ByteScan.word(b, i);
            long found = ByteScan.specials(word);
            if (found != 0) {
                int plain = Long.numberOfTrailingZeros(found) >>> 3;
                int end = i + plain;
                if (b[end] != '"') {
                    return -1;
                }
                if (plain > 0) {
                    h = ByteScan.hashStep(h, word & (-1L >>> (64 - 8 * plain)));
                }
                scannedHash = ByteScan.hashEnd(h, end - from);
                return end;
            }
            h = ByteScan.hashStep(h, word);
        }
        return -1;
    }

    /**
     * The index of the quote closing a string that starts at {@code from}; -1 if it has an escape
     * or a control character, or is cut off.
     */
    private static int plainStringEnd(byte[] b, int from, int limit) {
        int special = ByteScan.stringSpecial(b, from, limit);
        return special >= 0 && b[special] == '"' ? special : -1;
    }

    private static boolean is(byte[] b, int start, int length, byte[] expected) {
        return length == expected.length && ByteScan.equal(b, start, expected, 0, length);
    }

    private static boolean isNumberChar(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    private static byte[] name(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
