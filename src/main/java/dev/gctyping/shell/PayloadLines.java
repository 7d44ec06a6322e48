package dev.gctyping.shell;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.protocol.SeedPayload;
import java.util.function.Consumer;

/** Hands each payload on as its wire JSON, exactly as {@code replay --print-payloads} prints it. */
public final class PayloadLines implements TypingListener {
    private final SeedPayload encoder = new SeedPayload();
    private final Consumer<String> sink;

    public PayloadLines(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void onSignal(AgentState agent, Signal signal, long at) {
        sink.accept(encoder.encode(agent.conversationId(), agent.agentId(), at, signal.active()).toString());
    }
}
