package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;

/** The fields of an NDJSON trace line that the parsers read; any other field is skipped. */
enum TraceField {
    TS("ts"),
    CONVERSATION_ID("conversationId"),
    AGENT_ID("agentId"),
    EVENT("event"),
    TEXT("text"),
    COMMUNICATION_ID("communicationId"),
    /** A {@code settings} line's values; only the general parser reads them (the fast path declines such lines). */
    DEDUP_WINDOW_MS("dedupWindowMs"),
    EXPIRY_MS("expiryMs"),
    OTHER("");

    /** The name's bytes and its closing quote: what follows the opening quote of the field's name. */
    final byte[] nameAndQuote;

    TraceField(String name) {
        this.nameAndQuote = (name + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /** The length of the name itself. */
    int nameLength() {
        return nameAndQuote.length - 1;
    }

    /**
     * The known field whose name and closing quote start at {@code at} (just after an opening
     * quote), matched in place so that the usual names are never scanned for their end; else
     * {@link #OTHER}, also for a known name spelled with an escape.
     */
    static TraceField at(byte[] b, int at, int limit) {
        if (at >= limit) {
            return OTHER;
        }
        return switch (b[at]) {
            case 't' -> TS.isAt(b, at, limit) ? TS : TEXT.isAt(b, at, limit) ? TEXT : OTHER;
            case 'c' ->
                CONVERSATION_ID.isAt(b, at, limit)
                        ? CONVERSATION_ID
                        : COMMUNICATION_ID.isAt(b, at, limit) ? COMMUNICATION_ID : OTHER;
            case 'a' -> AGENT_ID.isAt(b, at, limit) ? AGENT_ID : OTHER;
            case 'e' -> EVENT.isAt(b, at, limit) ? EVENT : OTHER;
            default -> OTHER;
        };
    }

    /** The known field with exactly this (unescaped) name, or {@link #OTHER}. */
    static TraceField named(byte[] b, int start, int length) {
        for (TraceField field : KNOWN) {
            if (field.nameLength() == length && ByteScan.equal(b, start, field.nameAndQuote, 0, length)) {
                return field;
            }
        }
        return OTHER;
    }

    private static final TraceField[] KNOWN = {
        TS, CONVERSATION_ID, AGENT_ID, EVENT, TEXT, COMMUNICATION_ID, DEDUP_WINDOW_MS, EXPIRY_MS
    };

    private boolean isAt(byte[] b, int at, int limit) {
        return at + nameAndQuote.length <= limit && ByteScan.equal(b, at, nameAndQuote, 0, nameAndQuote.length);
    }
}
