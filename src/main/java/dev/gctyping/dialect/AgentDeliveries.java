package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import java.util.concurrent.ConcurrentHashMap;

/** Each agent's {@link DeliveryStats}, by engine handle; shared by the transports. */
public final class AgentDeliveries {
    private final ConcurrentHashMap<Integer, DeliveryStats> byAgent = new ConcurrentHashMap<>();
    private final DeliveryStats total = new DeliveryStats();

    public DeliveryStats of(AgentState agent) {
        return byAgent.computeIfAbsent(agent.handle(), handle -> new DeliveryStats(total));
    }

    /** All agents' payloads sent and delivered so far. */
    public DeliveryStats total() {
        return total;
    }
}
