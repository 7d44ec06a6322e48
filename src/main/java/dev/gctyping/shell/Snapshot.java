package dev.gctyping.shell;

import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.support.JsonLine;
import java.nio.file.Path;

/**
 * The live session's current agent, frozen at one moment: what the status line and {@code :state} show.
 *
 * @param deadline when the current typing run expires if nothing else happens; meaningful only while typing
 * @param recording the trace file being written, or null
 */
public record Snapshot(
        String conversationId,
        String agentId,
        boolean typing,
        long deadline,
        EngineSettings settings,
        long keystrokes,
        long suppressed,
        long activeSent,
        long inactiveSent,
        long messagesSent,
        Path recording) {

    static Snapshot of(AgentState agent, EngineSettings settings, Path recording) {
        return new Snapshot(
                agent.conversationId(),
                agent.agentId(),
                agent.typing(),
                agent.deadline(),
                settings,
                agent.keystrokes(),
                agent.suppressed(),
                agent.activeSent(),
                agent.inactiveSent(),
                agent.messages(),
                recording);
    }

    /** Time left before the {@code inactive} fires on its own; 0 when idle. */
    public long expiresInMs(long now) {
        return typing ? Math.max(0, deadline - now) : 0;
    }

    /** The {@code :state} NDJSON record. */
    public String toJson(long now) {
        return JsonLine.object()
                .field("event", "state")
                .field("conversationId", conversationId)
                .field("agentId", agentId)
                .field("state", typing ? "typing" : "idle")
                .field("expiresInMs", expiresInMs(now))
                .field("dedupWindowMs", settings.dedupWindowMs())
                .field("expiryMs", settings.expiryMs())
                .field("keystrokes", keystrokes)
                .field("suppressedKeystrokes", suppressed)
                .field("activeSent", activeSent)
                .field("inactiveSent", inactiveSent)
                .field("messagesSent", messagesSent)
                .field("recording", recording == null ? null : recording.toString())
                .toString();
    }

    /** One line for the prompt's status bar. */
    public String statusLine(long now) {
        StringBuilder line = new StringBuilder(120);
        if (typing) {
            line.append("typing · inactive in ").append(String.format("%.1fs", expiresInMs(now) / 1000.0));
        } else {
            line.append("idle");
        }
        line.append(" · ")
                .append(conversationId)
                .append(" · keys ")
                .append(keystrokes)
                .append(" · suppressed ")
                .append(suppressed)
                .append(" · active ")
                .append(activeSent)
                .append(" · inactive ")
                .append(inactiveSent)
                .append(" · sent ")
                .append(messagesSent)
                .append(" · W ")
                .append(settings.dedupWindowMs())
                .append("ms · E ")
                .append(settings.expiryMs())
                .append("ms");
        if (recording != null) {
            line.append(" · recording ").append(recording.getFileName());
        }
        return line.toString();
    }
}
