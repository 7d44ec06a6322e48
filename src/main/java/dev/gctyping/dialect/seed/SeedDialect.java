package dev.gctyping.dialect.seed;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import dev.gctyping.protocol.SeedPayload;
import java.util.Optional;

/**
 * The seed tutorial's conversation socket: every engine payload is a frame, {@code active} or
 * {@code inactive}, acknowledged by the server; messages are not its business. Only the simulator
 * has this socket (the tutorial invented it).
 */
public final class SeedDialect implements Dialect {
    private static final SendPlan PLAN = new SendPlan() {
        @Override
        public WireSend typing(AgentState agent, Signal signal, long at) {
            return signal.active() ? WireSend.typingOn(at, 0) : WireSend.typingOff(at);
        }

        @Override
        public WireSend message(AgentState agent, String text, long at) {
            return null; // the inactive the engine emits for the send ends the indicator
        }

        @Override
        public long skippedForBudget(int agent) {
            return 0; // a socket frame costs no platform request
        }
    };

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "the seed tutorial's conversation socket: explicit active/inactive frames (simulator only)";
    }

    @Override
    public Optional<String> refusedByRealRegions() {
        return Optional.of(
                "--dialect seed only works against the gctyping simulator: Genesys Cloud has no "
                        + "conversation socket for the seed tutorial's payloads (the tutorial invented it); use --dialect agent-api");
    }

    @Override
    public SendPlan plan(PlanSettings settings) {
        return PLAN;
    }

    @Override
    public PayloadTransport open(OpenTarget target, int queueLimit, LatencyProbe latency) {
        return new SeedTransport(target.target(), target.oauth(), SocketSettings.defaults(), queueLimit, latency);
    }

    @Override
    public boolean endsTypingExplicitly() {
        return true;
    }

    @Override
    public String render(AgentState agent, WireSend send) {
        return new SeedPayload()
                .encode(agent.conversationId(), agent.agentId(), send.at(), send.kind() == WireSend.Kind.TYPING_ON)
                .toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
