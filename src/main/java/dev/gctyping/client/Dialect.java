package dev.gctyping.client;

import java.util.Locale;

/** How typing payloads leave the tool (protocol.md, "Dialects"). */
public enum Dialect {
    /** The seed tutorial's conversation socket payloads: the simulator only. */
    SEED("seed"),
    /** Genesys Cloud's real {@code POST …/communications/{id}/typing}: real orgs and the simulator. */
    AGENT_API("agent-api");

    private final String wireName;

    Dialect(String wireName) {
        this.wireName = wireName;
    }

    /** The name users type and records print: {@code seed}, {@code agent-api}. */
    public String wireName() {
        return wireName;
    }

    public static Dialect parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Dialect dialect : values()) {
            if (dialect.wireName.equals(wanted)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "'; valid: seed, agent-api");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
