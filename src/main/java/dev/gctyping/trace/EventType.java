package dev.gctyping.trace;

/** What the agent did at a trace line's timestamp. */
public enum EventType {
    KEYSTROKE("keystroke"),
    SEND("send"),
    BLUR("blur");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a trace's {@code event} value; blank means the default, {@code keystroke}. */
    static EventType parse(String value) throws InvalidLine {
        if (value == null || value.isEmpty()) {
            return KEYSTROKE;
        }
        for (EventType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new InvalidLine("unknown event \"" + value + "\" (expected keystroke, send or blur)");
    }
}
