package dev.gctyping.trace;

import dev.gctyping.engine.AgentActivity;
import java.nio.charset.StandardCharsets;

/**
 * What a trace line says happened at its timestamp: what an agent did, or ({@link #SETTINGS}) that
 * the engine's settings changed from then on, for every agent.
 */
public enum EventType {
    KEYSTROKE("keystroke"),
    SEND("send"),
    BLUR("blur"),
    /** A line with no agent: the live prompt records its {@code :set} changes this way. */
    SETTINGS("settings");

    private final String wireName;
    private final byte[] wireBytes;

    EventType(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    public String wireName() {
        return wireName;
    }

    /** The event an unescaped value names, matched on its bytes; null for any other. */
    static EventType named(byte[] b, int start, int length) {
        for (EventType type : VALUES) {
            if (type.wireBytes.length == length && ByteScan.equal(b, start, type.wireBytes, 0, length)) {
                return type;
            }
        }
        return null;
    }

    private static final EventType[] VALUES = values();

    /** Parses a trace's {@code event} value. */
    static EventType parse(String value) throws InvalidLine {
        for (EventType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new InvalidLine("unknown event \"" + value + "\" (expected keystroke, send, blur or settings)");
    }

    /**
     * The one dispatch of an event to whatever takes agent activity (engine, metrics, models). A
     * settings change is no agent's activity: the replayer applies it to the engine itself.
     */
    public void applyTo(AgentActivity target, int agent, long at) {
        switch (this) {
            case KEYSTROKE -> target.keystroke(agent, at);
            case SEND -> target.send(agent, at);
            case BLUR -> target.blur(agent, at);
            case SETTINGS -> {}
        }
    }
}
