package dev.gctyping.report;

import dev.gctyping.engine.Signal;
import dev.gctyping.trace.EventType;

/** What happened at a point of an agent's timeline: a trace event, or a payload the engine emitted. */
public enum Mark {
    KEYSTROKE('k'),
    SEND('s'),
    BLUR('b'),
    ACTIVE('A'),
    REFRESH('R'),
    INACTIVE_EXPIRED('E'),
    INACTIVE_SENT('S'),
    INACTIVE_BLURRED('B');

    private static final Mark[] ALL = values();

    /** The letter the report's data uses for it (its script draws by letter). */
    private final char letter;

    Mark(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    static Mark of(EventType type) {
        return switch (type) {
            case KEYSTROKE -> KEYSTROKE;
            case SEND -> SEND;
            case BLUR -> BLUR;
            case SETTINGS -> throw new IllegalArgumentException("a settings line is no agent's event"); // never tapped
        };
    }

    static Mark of(Signal signal) {
        return switch (signal) {
            case ACTIVE_START -> ACTIVE;
            case ACTIVE_REFRESH -> REFRESH;
            case INACTIVE_EXPIRED -> INACTIVE_EXPIRED;
            case INACTIVE_SENT -> INACTIVE_SENT;
            case INACTIVE_BLURRED -> INACTIVE_BLURRED;
        };
    }

    static Mark ofOrdinal(int ordinal) {
        return ALL[ordinal];
    }
}
