package dev.gctyping.shell;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import java.util.function.Consumer;

/** Hands each send on as the dialect puts it on the wire, exactly as {@code replay --print-payloads} prints it. */
public final class PayloadLines implements PlannedWire.SendListener {
    private final Dialect dialect;
    private final Consumer<String> sink;

    public PayloadLines(Dialect dialect, Consumer<String> sink) {
        this.dialect = dialect;
        this.sink = sink;
    }

    @Override
    public void onSend(AgentState agent, WireSend send) {
        sink.accept(dialect.render(agent, send));
    }
}
