package dev.gctyping.engine;

/** What an agent does, as the engine, the metrics and the guest-truth model all take it (by engine handle). */
public interface AgentActivity {
    void keystroke(int agent, long at);

    void send(int agent, long at);

    void blur(int agent, long at);
}
