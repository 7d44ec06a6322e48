package dev.gctyping.dialect.agentapi;

import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Signal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * agent-api's guest-first plan. The engine says what the agent does; the plan sends what keeps the
 * guest's view true within the token's budget (docs/agent-api-plan.md):
 * <ul>
 * <li>after a keystroke at {@code t} the agent counts as typing until {@code t + expiry}; an
 *     {@code On} goes out only when the guest's indicator would lapse before that ({@code lead}
 *     early, for the request's latency): at a burst's start, or as a refresh;</li>
 * <li>its {@code duration} covers that plus a slack that grows with how full the budget is: with
 *     room to spare, short Ons (little stale time when the agent stops without sending); near the
 *     limit, long ones, so one On covers a whole burst and the budget goes to the bursts that need one;</li>
 * <li>a message always goes, and ends the guest's indicator (the API has no Off);</li>
 * <li>typing never fills the minute's budget: a share stays free for the messages still to come;</li>
 * <li>the budget counts every request the transport makes, so also the one lookup of each
 *     conversation's agent communication before its first request (unless the trace names it).</li>
 * </ul>
 * Pure, on trace time: the replay and {@code tune} take the same decisions.
 */
final class AgentApiPlan implements SendPlan {
    /** A refresh is never planned sooner than this after the last one, however idle the budget. */
    static final long MIN_SLACK_MS = 1000;
    /** The share of the budget typing leaves free for messages, as a divisor (5 %). */
    private static final int HEADROOM_DIVISOR = 20;

    private final int perMinute;
    private final long leadMs;
    private final long maxDurationMs;
    private long holdMs;
    /** Every request planned, typing and messages, in the sliding minute. */
    private final RequestBudget spent = new RequestBudget();
    /** Until when each agent's guest shows the indicator (by handle); MIN_VALUE when it does not. */
    private long[] guestEnd = new long[0];

    private long[] skipped = new long[0];
    /** Per agent: whether its communication is known (named by the trace, or its conversation's looked up). */
    private boolean[] communicationKnown = new boolean[0];
    /** Conversations whose agent communication the transport has looked up (once each, whatever the agent). */
    private final Set<String> lookedUp = new HashSet<>();

    AgentApiPlan(PlanSettings settings) {
        this.perMinute = settings.requestsPerMinute();
        this.leadMs = settings.leadMs();
        this.maxDurationMs = settings.maxDurationMs();
        this.holdMs = settings.expiryMs();
    }

    @Override
    public WireSend typing(AgentState agent, Signal signal, long at) {
        if (!signal.active()) {
            return null; // no Off in the platform API: the indicator lapses, or the message ends it
        }
        int a = agent.handle();
        grow(a);
        if (guestEnd[a] >= at + holdMs + leadMs) {
            return null; // the guest already shows it for as long as the agent counts as typing
        }
        boolean lookup = needsLookup(agent);
        int used = spent.used(at) + (lookup ? 1 : 0);
        if (used + perMinute / HEADROOM_DIVISOR >= perMinute) {
            skipped[a]++;
            return null;
        }
        spent.spend(at);
        long durationMs = duration(used + 1);
        guestEnd[a] = at + durationMs;
        return costed(agent, lookup, WireSend.typingOn(at, durationMs));
    }

    @Override
    public WireSend message(AgentState agent, String text, long at) {
        int a = agent.handle();
        grow(a);
        spent.spend(at);
        guestEnd[a] = Long.MIN_VALUE; // the message ends the guest's indicator
        return costed(agent, needsLookup(agent), WireSend.message(at, text));
    }

    @Override
    public void communicationNamed(AgentState agent) {
        grow(agent.handle());
        communicationKnown[agent.handle()] = true;
    }

    private boolean needsLookup(AgentState agent) {
        return !communicationKnown[agent.handle()] && !lookedUp.contains(agent.conversationId());
    }

    /** The send, plus the lookup that goes before it if this is the conversation's first, spent at the same time. */
    private WireSend costed(AgentState agent, boolean lookup, WireSend send) {
        communicationKnown[agent.handle()] = true;
        if (!lookup) {
            return send;
        }
        lookedUp.add(agent.conversationId());
        spent.spend(send.at());
        return send.afterLookup();
    }

    /**
     * What the agent needs covered, plus the slack until a refresh is next needed: from
     * {@link #MIN_SLACK_MS} with an idle budget up to the longest duration with a full one, growing
     * as the square root of the fill, so Ons lengthen early, before the budget runs out.
     */
    private long duration(int used) {
        long shortest = holdMs + leadMs + MIN_SLACK_MS;
        if (shortest >= maxDurationMs) {
            return maxDurationMs;
        }
        double fill = Math.min(1.0, (double) used / perMinute);
        return shortest + Math.round((maxDurationMs - shortest) * Math.sqrt(fill));
    }

    @Override
    public void expiryChanged(long expiryMs) {
        holdMs = expiryMs;
    }

    @Override
    public long skippedForBudget(int agent) {
        return agent < skipped.length ? skipped[agent] : 0;
    }

    private void grow(int agent) {
        if (agent >= guestEnd.length) {
            int from = guestEnd.length;
            int size = Math.max(agent + 1, guestEnd.length * 2);
            guestEnd = Arrays.copyOf(guestEnd, size);
            Arrays.fill(guestEnd, from, size, Long.MIN_VALUE);
            skipped = Arrays.copyOf(skipped, size);
            communicationKnown = Arrays.copyOf(communicationKnown, size);
        }
    }
}
