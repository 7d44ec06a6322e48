package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a paced replay's opening planned before its clock started: the plan's sends, held in
 * emission order until their trace time comes, and what completes once the transport has prepared
 * them (agent-api: the lookups the plan granted, made ahead, so that the first {@code On}s do not
 * queue behind them). The plan decided each one as it always does; only their release waits.
 */
public final class HeldSends {
    /** Nothing held: sinks that send nothing, and replays that plan nothing ahead. */
    public static final HeldSends NONE = new HeldSends((agent, send) -> {});

    private final PlannedWire.SendListener listener;
    private final List<AgentState> agents = new ArrayList<>();
    private final List<WireSend> sends = new ArrayList<>();
    private final List<CompletableFuture<?>> preparing = new ArrayList<>();

    HeldSends(PlannedWire.SendListener listener) {
        this.listener = listener;
    }

    void add(AgentState agent, WireSend send, CompletableFuture<?> prepared) {
        agents.add(agent);
        sends.add(send);
        if (!prepared.isDone()) {
            preparing.add(prepared);
        }
    }

    public int size() {
        return sends.size();
    }

    /** The trace time the {@code i}-th held send is due at. */
    public long at(int i) {
        return sends.get(i).at();
    }

    /** Hands the {@code i}-th held send to where it would have gone unheld. */
    public void release(int i) {
        listener.onSend(agents.get(i), sends.get(i));
    }

    /** Completes when every held send is prepared (or its preparation failed: the send then does it itself). */
    public CompletableFuture<?> prepared() {
        return CompletableFuture.allOf(preparing.toArray(CompletableFuture[]::new));
    }
}
