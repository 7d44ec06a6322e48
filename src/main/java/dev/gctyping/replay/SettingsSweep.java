package dev.gctyping.replay;

import dev.gctyping.dialect.Dialect;
import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.dialect.PlannedWire;
import dev.gctyping.dialect.SendPlan;
import dev.gctyping.dialect.WireSend;
import dev.gctyping.engine.AgentActivity;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.ComposingTimeline;
import dev.gctyping.metrics.GuestTruth;
import dev.gctyping.metrics.GuestView;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.metrics.PeakRate;
import dev.gctyping.trace.EventType;
import dev.gctyping.trace.RecordedTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Replays one recorded trace through the engine under many settings (in parallel: each point has
 * its own engine) and models, per point, what the guest would see and what it costs in requests.
 * The composing truth does not depend on the settings, so it is computed once and shared.
 */
public final class SettingsSweep {
    private static final long MINUTE_MS = 60_000;

    private final RecordedTrace trace;
    private final Dialect dialect;
    private final PlanSettings plan;
    private final Intervals[] composing;

    /**
     * One grid point's outcome, summed over all agents.
     *
     * @param peakMessagesPerMinute the most of the agents' own messages sent in any minute: a plan that
     *     sends every message, whatever the settings, has no point with a lower peak
     */
    public record Point(
            EngineSettings settings,
            long payloads,
            long requests,
            int peakRequestsPerMinute,
            int peakMessagesPerMinute,
            GuestTruth truth) {}

    /** @param plan the dialect's plan settings; each point sets its own expiry */
    public SettingsSweep(RecordedTrace trace, Dialect dialect, PlanSettings plan, long pauseThresholdMs) {
        this.trace = trace;
        this.dialect = dialect;
        this.plan = plan;
        ComposingTimeline[] timelines = new ComposingTimeline[trace.agentCount()];
        for (int a = 0; a < timelines.length; a++) {
            timelines[a] = new ComposingTimeline(pauseThresholdMs);
        }
        AgentActivity truth = new AgentActivity() {
            @Override
            public void keystroke(int agent, long at) {
                timelines[agent].keystroke(at);
            }

            @Override
            public void send(int agent, long at) {
                timelines[agent].stop(at);
            }

            @Override
            public void blur(int agent, long at) {
                timelines[agent].stop(at);
            }
        };
        for (int i = 0; i < trace.size(); i++) {
            trace.type(i).applyTo(truth, trace.agent(i), trace.time(i));
        }
        composing = new Intervals[timelines.length];
        for (int a = 0; a < timelines.length; a++) {
            composing[a] = timelines[a].intervals();
        }
    }

    /** Evaluates every grid point on {@code threads} threads; results in the order given. */
    public List<Point> run(List<EngineSettings> grid, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sweep");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Point>> futures = new ArrayList<>();
            for (EngineSettings settings : grid) {
                futures.add(pool.submit(() -> evaluate(settings)));
            }
            List<Point> points = new ArrayList<>();
            for (Future<Point> future : futures) {
                points.add(future.get());
            }
            return points;
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep point failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One grid point: the engine's payloads and the messages through the dialect's plan, exactly as a
     * replay sends them; each send costs a request and shows itself to the guest's view.
     */
    public Point evaluate(EngineSettings settings) {
        return evaluate(settings, Replayer.EventTap.NONE, (agent, signal, at) -> {}, (agent, send) -> {});
    }

    /** One grid point, with every event and payload also handed to the taps (a report's timelines). */
    public Point evaluate(
            EngineSettings settings,
            Replayer.EventTap events,
            TypingListener payloads,
            PlannedWire.SendListener sends) {
        GuestView[] views = new GuestView[trace.agentCount()];
        for (int a = 0; a < views.length; a++) {
            views[a] = new GuestView();
        }
        PeakRate rate = new PeakRate(MINUTE_MS);
        PeakRate messages = new PeakRate(MINUTE_MS);
        long[] counts = new long[2]; // payloads, requests
        SendPlan plan = dialect.plan(this.plan.withExpiry(settings.expiryMs()));
        BiConsumer<AgentState, WireSend> sent = (agent, send) -> {
            if (send != null) {
                counts[1] += send.requests();
                for (int r = 0; r < send.requests(); r++) {
                    rate.record(send.at());
                }
                if (send.kind() == WireSend.Kind.MESSAGE) {
                    messages.record(send.at());
                }
                send.showTo(views[agent.handle()]);
                sends.onSend(agent, send);
            }
        };
        TypingEngine engine = new TypingEngine(settings, (agent, signal, at) -> {
            counts[0]++;
            payloads.onSignal(agent, signal, at);
            sent.accept(agent, plan.typing(agent, signal, at));
        });
        for (int a = 0; a < trace.agentCount(); a++) {
            engine.agent(trace.conversationId(a), trace.agentId(a));
        }
        for (int i = 0; i < trace.size(); i++) {
            int agent = trace.agent(i);
            long at = trace.time(i);
            EventType type = trace.type(i);
            type.applyTo(engine, agent, at);
            if (type == EventType.SEND) {
                AgentState state = engine.state(agent);
                sent.accept(state, plan.message(state, null, at));
            }
            events.onEvent(agent, trace.type(i), at);
        }
        engine.finish();
        long visible = 0;
        long stale = 0;
        long blind = 0;
        long maxStale = 0;
        for (int a = 0; a < views.length; a++) {
            GuestTruth truth = GuestTruth.compare(composing[a], views[a].intervals());
            visible += truth.guestVisibleTypingMs();
            stale += truth.staleTypingMs();
            blind += truth.blindTypingMs();
            maxStale = Math.max(maxStale, truth.maxStaleMs());
        }
        return new Point(
                settings,
                counts[0],
                counts[1],
                rate.peak(),
                messages.peak(),
                new GuestTruth(visible, stale, blind, maxStale));
    }
}
