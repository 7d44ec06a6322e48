package dev.gctyping.replay;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;

/** Where payloads and agent messages go, in emission order: a wire transport, or nowhere. */
public interface PayloadSink {
    /** Sends nothing: dry runs. */
    PayloadSink NONE = new PayloadSink() {
        @Override
        public void typing(AgentState agent, Signal signal, long at) {
        }

        @Override
        public void message(AgentState agent, String text, long at) {
        }
    };

    /** A payload the engine emitted at time {@code at}. */
    void typing(AgentState agent, Signal signal, long at);

    /** The agent sent its message, whatever the engine emitted for it. */
    void message(AgentState agent, String text, long at);
}
