package dev.gctyping.dialect.agentapi;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.PlatformApi;
import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.LatencyProbe;
import dev.gctyping.dialect.PayloadTransport;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.support.JsonLine;
import java.util.Optional;

/**
 * Genesys Cloud's agent typing API: {@code POST …/communications/{id}/typing} with an {@code On} that
 * the guest shows for its {@code duration}, no Off (the agent's message, posted through the same
 * API, ends it), every request counted against the token's budget.
 */
public final class AgentApiDialect implements Dialect {
    /** Printed where the communication id is only known to the transport (it is looked up on the target). */
    private static final String COMMUNICATION_PLACEHOLDER = "{communicationId}";
    /** The placeholder as the path encoder writes it, to put back unencoded in the printed path. */
    private static final String ENCODED_PLACEHOLDER = "%7BcommunicationId%7D";

    @Override
    public String name() {
        return "agent-api";
    }

    @Override
    public String summary() {
        return "Genesys Cloud's agent typing API: On with a duration, no Off; the message ends it";
    }

    @Override
    public Optional<String> refusedByRealRegions() {
        return Optional.empty();
    }

    @Override
    public SendPlan plan(PlanSettings settings) {
        return new AgentApiPlan(settings);
    }

    @Override
    public PayloadTransport open(OpenTarget target, int queueLimit, LatencyProbe latency) {
        return new AgentApiTransport(target.api(), target.target().isSimulator(), queueLimit, latency);
    }

    @Override
    public boolean endsTypingExplicitly() {
        return false;
    }

    /** {@code {"method":"POST","path":…,"body":…}}: the request, as one NDJSON line. */
    @Override
    public String render(AgentState agent, WireSend send) {
        boolean typing = send.kind() == WireSend.Kind.TYPING_ON;
        String conversation = agent.conversationId();
        return JsonLine.object()
                .field("method", "POST")
                .field(
                        "path",
                        (typing
                                        ? PlatformApi.typingPath(conversation, COMMUNICATION_PLACEHOLDER)
                                        : PlatformApi.messagePath(conversation, COMMUNICATION_PLACEHOLDER))
                                .replace(ENCODED_PLACEHOLDER, COMMUNICATION_PLACEHOLDER))
                .rawField(
                        "body",
                        typing
                                ? PlatformApi.typingBody(send.durationMs(), send.at())
                                : PlatformApi.messageBody(AgentApiTransport.messageText(send.text())))
                .toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
