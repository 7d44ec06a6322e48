package dev.gctyping.protocol;

/** How typing payloads leave the tool (see protocol.md, "Dialects"). */
public enum Dialect {
    /** The seed tutorial's conversation WebSocket: explicit {@code active}/{@code inactive}; simulator only. */
    SEED("seed"),
    /** Genesys Cloud's agent typing API: {@code On} with a duration, no {@code Off}; the message ends it. */
    AGENT_API("agent-api");

    private final String cliName;

    Dialect(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
