package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;

/**
 * The fast path for the usual trace line: one flat object whose values are plain ASCII strings
 * (no escapes), whole-number or usual ISO-8601 timestamps, {@code true}/{@code false}/{@code null} or
 * numbers, ending its line. Everything happens on local variables in this one method: the JIT
 * compiles it early and small, which is most of a short replay's speed (a replay of a few seconds
 * runs largely before the compiler has caught up with bigger code).
 *
 * <p>It accepts only what it fully understands and then reads exactly what the general parser in
 * {@link NdjsonTraceReader} would. Anything else (an escape, a nested value, an unusual ISO time, a
 * missing or empty id, an unknown or {@code settings} event, a line cut by the buffer's end, any syntax error) is
 * declined, and the general parser reads the line, its error messages included.
 */
final class CommonLineParser {
    /** What {@link #parse} returns for a line it leaves to the general parser. */
    static final int DECLINED = -1;

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final IsoInstantScanner iso;
    /** The hash {@link #hashedStringEnd} leaves. */
    private int scannedHash;

    long ts;
    EventType type;
    int conversationStart;
    int conversationLength;
    int conversationHash;
    int agentStart;
    int agentLength;
    int agentHash;
    /** Decoded only when present: rare fields. */
    String text;

    String communicationId;

    /** {@code iso}: the reader's, shared with its general parser. */
    CommonLineParser(IsoInstantScanner iso) {
        this.iso = iso;
    }

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
            TraceField field = TraceField.at(b, nameStart, limit);
            if (field != TraceField.OTHER) {
                p = nameStart + field.nameAndQuote.length;
            } else {
                // another name, or a known one spelled with an escape: the scan declines that
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
                boolean id = field == TraceField.CONVERSATION_ID || field == TraceField.AGENT_ID;
                p = id ? hashedStringEnd(b, start, limit) : plainStringEnd(b, start, limit);
                if (p < 0) {
                    return DECLINED;
                }
                int length = p - start;
                p++;
                switch (field) {
                    case TS -> {
                        ts = iso.epochMillis(b, start, length);
                        hasTs = ts != IsoInstantScanner.DECLINED;
                    }
                    case CONVERSATION_ID -> {
                        conversationStart = start;
                        conversationLength = length;
                        conversationHash = scannedHash;
                        hasConversation = length > 0;
                    }
                    case AGENT_ID -> {
                        agentStart = start;
                        agentLength = length;
                        agentHash = scannedHash;
                        hasAgent = length > 0;
                    }
                    case EVENT -> event = EventType.named(b, start, length);
                    case TEXT -> text = new String(b, start, length, StandardCharsets.UTF_8);
                    case COMMUNICATION_ID -> communicationId = new String(b, start, length, StandardCharsets.UTF_8);
                    case OTHER -> {}
                }
                if ((field == TraceField.TS && !hasTs)
                        || (field == TraceField.CONVERSATION_ID && !hasConversation)
                        || (field == TraceField.AGENT_ID && !hasAgent)
                        || event == null) {
                    return DECLINED; // an unusual ISO time, an empty id, an unknown event: the general parser reads it
                }
            } else if ((first >= '0' && first <= '9') || first == '-') {
                if (field == TraceField.TS) {
                    int digits = first == '-' ? p + 1 : p;
                    p = ByteScan.digitsEnd(b, digits, limit);
                    int count = p - digits;
                    // none, a leading zero, or more digits than TraceTimestamps.MAX has
                    if (count == 0 || count > 15 || (count > 1 && b[digits] == '0')) {
                        return DECLINED;
                    }
                    long value = ByteScan.digitsValue(b, digits, p);
                    ts = first == '-'
                            ? -value
                            : value; // a fraction or exponent after it fails the ',' or '}' check below
                    if (ts < TraceTimestamps.MIN || ts > TraceTimestamps.MAX) {
                        return DECLINED;
                    }
                    hasTs = true;
                } else if (field != TraceField.OTHER) {
                    return DECLINED; // a number where a string belongs
                } else {
                    p = ByteScan.numberEnd(b, p, limit);
                    if (p < 0) {
                        return DECLINED;
                    }
                }
            } else if ((first == 't' || first == 'f' || first == 'n') && field == TraceField.OTHER) {
                byte[] literal = first == 't' ? TRUE : first == 'f' ? FALSE : NULL;
                if (p + literal.length > limit || !ByteScan.equal(b, p, literal, 0, literal.length)) {
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
        if (p >= limit || b[p] != '\n' || !hasTs || !hasConversation || !hasAgent || event == EventType.SETTINGS) {
            return DECLINED; // a settings line has no ids: the general parser says so
        }
        this.type = event;
        this.text = event == EventType.SEND ? text : null;
        this.communicationId = communicationId;
        return p;
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
     * The index of the quote closing a string that starts at {@code from}; -1 if it has an escape,
     * a control character or a non-ASCII byte, or is cut off.
     */
    private static int plainStringEnd(byte[] b, int from, int limit) {
        int special = ByteScan.stringSpecial(b, from, limit);
        return special >= 0 && b[special] == '"' ? special : -1;
    }
}
