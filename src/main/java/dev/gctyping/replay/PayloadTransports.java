package dev.gctyping.replay;

import dev.gctyping.client.OpenTarget;
import dev.gctyping.client.SocketSettings;
import dev.gctyping.protocol.Dialect;

/** The transport of a dialect, for an open target: used by wire replays and by the live prompt. */
public final class PayloadTransports {
    private PayloadTransports() {
    }

    /**
     * @param durationMs agent-api: how long each {@code On} shows (the engine's expiry)
     * @param requestsPerMinute agent-api: the token's budget
     * @param queueLimit payloads that may wait before more are lost
     */
    public static PayloadTransport open(OpenTarget target, Dialect dialect, long durationMs, int requestsPerMinute, int queueLimit,
            LatencyProbe latency) {
        return dialect == Dialect.SEED
                ? new SeedTransport(target.target(), target.oauth(), SocketSettings.defaults(), queueLimit, latency)
                : new AgentApiTransport(target.api(), target.target().isSimulator(), durationMs, requestsPerMinute, queueLimit, latency);
    }
}
