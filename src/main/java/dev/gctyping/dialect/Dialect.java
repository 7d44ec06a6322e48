package dev.gctyping.dialect;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.engine.AgentState;
import java.util.Optional;

/**
 * A way of putting typing on the wire, as one object: everything that differs between dialects is
 * here (what is sent and when, its transport, what the delivery proof expects, where it may be used),
 * so the rest of the tool asks the dialect and never compares its name. {@link Dialects} lists them.
 */
public interface Dialect {
    /** The name users type ({@code --dialect NAME}) and records carry. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Why a real Genesys Cloud org cannot take it; empty when it can. */
    Optional<String> refusedByRealRegions();

    /** A fresh plan for one run: the decisions a replay, the live prompt and {@code tune} share. */
    SendPlan plan(PlanSettings settings);

    /** Opens the transport that carries the plan's sends to the target. */
    PayloadTransport open(OpenTarget target, int queueLimit, LatencyProbe latency);

    /**
     * Whether an indicator still on at the end of a run proves a lost payload: true where the dialect
     * ends every typing run with an explicit {@code Off}; false where indicators lapse on their own.
     */
    boolean endsTypingExplicitly();

    /** {@code --print-payloads}: the send as it goes on the wire (the request line and body, or the frame). */
    String render(AgentState agent, WireSend send);
}
