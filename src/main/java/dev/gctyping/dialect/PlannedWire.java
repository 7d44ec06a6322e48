package dev.gctyping.dialect;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's payloads and the agents' messages through a dialect's plan: the one path from engine
 * to wire that replays, the live prompt and {@code --print-payloads} share. Each send goes to the
 * listener (a transport, a printer, or both) in emission order.
 */
public final class PlannedWire implements PayloadSink {
    /** Takes the plan's sends. */
    public interface SendListener {
        void onSend(AgentState agent, WireSend send);

        default SendListener andThen(SendListener next) {
            return (agent, send) -> {
                onSend(agent, send);
                next.onSend(agent, send);
            };
        }
    }

    private final SendPlan plan;
    private final SendListener listener;
    private final PayloadTransport transport;
    /** What is planned while a paced replay's opening is planned ahead; null otherwise. */
    private HeldSends held;

    /** Sends go to the listener only (printing, modelling). */
    public PlannedWire(SendPlan plan, SendListener listener) {
        this(plan, listener, null);
    }

    /** Sends go to the listener, then to the transport. */
    public PlannedWire(SendPlan plan, SendListener listener, PayloadTransport transport) {
        this.plan = plan;
        this.listener = transport == null ? listener : listener.andThen(transport::send);
        this.transport = transport;
    }

    @Override
    public void typing(AgentState agent, Signal signal, long at) {
        send(agent, plan.typing(agent, signal, at));
    }

    @Override
    public void message(AgentState agent, String text, long at) {
        send(agent, plan.message(agent, text, at));
    }

    private void send(AgentState agent, WireSend send) {
        if (send == null) {
            return;
        }
        if (held == null) {
            listener.onSend(agent, send);
        } else {
            held.add(
                    agent,
                    send,
                    transport == null ? CompletableFuture.completedFuture(null) : transport.prepare(agent, send));
        }
    }

    @Override
    public void hold() {
        held = new HeldSends(listener);
    }

    @Override
    public HeldSends endHold() {
        HeldSends ended = held;
        held = null;
        return ended == null ? HeldSends.NONE : ended;
    }

    @Override
    public void useCommunication(AgentState agent, String communicationId) {
        plan.communicationNamed(agent);
        if (transport != null) {
            transport.useCommunication(agent, communicationId);
        }
    }

    @Override
    public void expiryChanged(long expiryMs) {
        plan.expiryChanged(expiryMs);
    }

    public SendPlan plan() {
        return plan;
    }
}
