package dev.gctyping.replay;

import dev.gctyping.dialect.HeldSends;
import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.trace.EventType;
import dev.gctyping.trace.PrefetchingTrace;
import dev.gctyping.trace.TraceEvent;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * Drives merged trace events through the engine. Dry runs go as fast as the machine allows on the
 * trace's own clock; wire replays are paced onto the wall clock (deadlines too, so an expiry's
 * {@code inactive} leaves when it is due, not when the next event arrives) and also hand each
 * agent's messages to the transport. Payload times are trace times either way.
 */
public final class Replayer {
    /**
     * A paced replay of regular files reads its opening, the first second of trace time (at most
     * {@link #OPENING_EVENTS} events), and plans it before its clock starts (see {@link #replayOpening}).
     */
    private static final long OPENING_MS = 1_000;

    private static final int OPENING_EVENTS = 100_000;
    /** The longest the opening's connections and preparations are waited for. */
    private static final Duration OPENING_WAIT = Duration.ofSeconds(10);

    private final TypingEngine engine;
    private final EngagementMetrics metrics;
    private final PayloadSink sink;
    private EventTap tap = EventTap.NONE;
    private long payloads;
    private long events;
    private long keystrokes;

    /** Sees every trace event as it is applied (a report's recorder); the default one does nothing. */
    @FunctionalInterface
    public interface EventTap {
        EventTap NONE = (agent, type, at) -> {};

        void onEvent(int agent, EventType type, long at);
    }

    /** @param sink gets the engine's payloads, the agents' messages and the communication ids the trace names */
    public Replayer(EngineSettings settings, PayloadSink sink, EngagementMetrics metrics) {
        this.metrics = metrics;
        this.sink = sink;
        this.engine = new TypingEngine(settings, (agent, signal, at) -> {
            payloads++;
            sink.typing(agent, signal, at);
        });
    }

    public TypingEngine engine() {
        return engine;
    }

    public EngagementMetrics metrics() {
        return metrics;
    }

    /** Hands every event to {@code tap} too, from the next event on. */
    public void tap(EventTap tap) {
        this.tap = tap;
    }

    /** Replays every event unpaced (a dry run), then closes all open typing runs. */
    public ReplayStats run(TraceMerger trace, LongConsumer progress) throws IOException {
        return run(trace, progress, Pacer.UNPACED);
    }

    /**
     * Replays every event at the pacer's speed, then closes all open typing runs. An interrupt
     * (Ctrl-C) stops it early: the stats then say {@code complete == false}, open runs stay open, and
     * the thread stays interrupted.
     *
     * @param progress told the count of events so far: after each batch unpaced, after each event paced, and at the end
     */
    public ReplayStats run(TraceMerger trace, LongConsumer progress, Pacer pacer) throws IOException {
        long started = System.nanoTime();
        events = 0;
        keystrokes = 0;
        boolean complete = false;
        try {
            if (pacer.paced()) {
                replayPaced(trace, progress, pacer);
            } else {
                replayPrefetched(trace, progress);
            }
            engine.finish();
            complete = true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        progress.accept(events);
        return new ReplayStats(events, keystrokes, payloads, System.nanoTime() - started, complete);
    }

    private void replayPaced(TraceMerger trace, LongConsumer progress, Pacer pacer)
            throws IOException, InterruptedException {
        TraceEvent e = trace.next();
        if (trace.canReadAhead() && e != null) {
            List<Held> opening = new ArrayList<>();
            long openingEnd = e.ts() + OPENING_MS;
            for (; e != null && e.ts() <= openingEnd && opening.size() < OPENING_EVENTS; e = trace.next()) {
                opening.add(new Held(e.ts(), e.agent(), e.type(), e.text(), e.communicationId(), e.settings()));
            }
            replayOpening(opening, progress, pacer);
        }
        for (; e != null; e = trace.next()) {
            stepPaced(e.ts(), e.agent(), e.type(), e.text(), e.communicationId(), e.settings(), pacer);
            progress.accept(events);
        }
        paceDeadlinesBefore(Long.MAX_VALUE, pacer);
    }

    /** An event of a paced replay's opening, held while its connections open (trace events are reused). */
    private record Held(
            long ts, int agent, EventType type, String text, String communicationId, EngineSettings settings) {}

    /**
     * The opening is planned before the pacer's clock starts, as a handshake or a lookup is not the
     * platform's latency, and a trace that starts with many conversations would otherwise start
     * with all of them at once: its conversations' connections open while its events run through
     * the engine and the plan, whose sends are held and prepared (agent-api: the lookups the plan
     * granted). Once both are done (at most {@link #OPENING_WAIT}), the clock starts at the opening's
     * first event and each held send is released at its trace time: the plan's decisions and the
     * pace the platform sees are those of any other replay.
     */
    private void replayOpening(List<Held> opening, LongConsumer progress, Pacer pacer) throws InterruptedException {
        List<CompletableFuture<?>> ready = connectAhead(opening);
        HeldSends held;
        sink.hold();
        try {
            for (Held e : opening) {
                paceDeadlinesBefore(e.ts, Pacer.UNPACED);
                step(e.agent, e.type, e.ts, e.text, e.communicationId, e.settings);
            }
        } finally {
            held = sink.endHold();
        }
        progress.accept(events);
        ready.add(held.prepared());
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(OPENING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a connection that failed or is slow: the replay starts anyway, its sends queue as usual
        }
        pacer.waitFor(opening.get(0).ts); // the clock starts at the trace's first event, whatever it sent
        for (int i = 0; i < held.size(); i++) {
            if (!Thread.currentThread().isInterrupted()) {
                try {
                    pacer.waitFor(held.at(i));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
            // once stopped, the rest still goes to the transport, which accounts for what it cannot send
            held.release(i);
        }
        stopIfInterrupted();
    }

    /** Starts opening the opening's conversations' connections. @return what completes when each is open */
    private List<CompletableFuture<?>> connectAhead(List<Held> opening) {
        List<CompletableFuture<?>> connected = new ArrayList<>();
        for (Held held : opening) {
            CompletableFuture<?> opened = held.agent < 0 ? null : sink.connectAhead(engine.state(held.agent));
            if (opened != null && !opened.isDone()) {
                connected.add(opened); // not each event's: a conversation seen before is open or opening
            }
        }
        return connected;
    }

    private void stepPaced(
            long at,
            int agent,
            EventType type,
            String text,
            String communicationId,
            EngineSettings settings,
            Pacer pacer)
            throws InterruptedException {
        stopIfInterrupted();
        paceDeadlinesBefore(at, pacer);
        pacer.waitFor(at);
        step(agent, type, at, text, communicationId, settings);
    }

    /** Unpaced, parsing runs on a second core while this thread runs the engine. */
    private void replayPrefetched(TraceMerger trace, LongConsumer progress) throws IOException, InterruptedException {
        try (PrefetchingTrace prefetched = PrefetchingTrace.start(trace)) {
            for (PrefetchingTrace.Batch batch = prefetched.next(); batch != null; batch = prefetched.next()) {
                stopIfInterrupted();
                for (int i = 0, size = batch.size(); i < size; i++) {
                    step(
                            batch.agent(i),
                            batch.type(i),
                            batch.ts(i),
                            batch.text(i),
                            batch.communicationId(i),
                            batch.settings(i));
                }
                progress.accept(events);
            }
        }
    }

    /**
     * Ctrl-C interrupts the replay thread; a sink that waits (backpressure) keeps the flag set for us
     * to see, and so do we: a prefetching trace closed on the way out must know not to wait for its reader.
     */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * @param settings what a settings line changes to, from {@code at} on (a typing run keeps the
     *     deadline it has, as with the live prompt's {@code :set}); unused for other events
     */
    private void step(
            int agent, EventType type, long at, String text, String communicationId, EngineSettings settings) {
        if (type == EventType.SETTINGS) {
            changeSettings(settings);
            events++;
            return;
        }
        if (type == EventType.KEYSTROKE) {
            keystrokes++;
        }
        if (communicationId != null) {
            sink.useCommunication(engine.state(agent), communicationId);
        }
        apply(engine, metrics, agent, type, at);
        // after the engine: an expiry it fires first is earlier than the event, so the tap sees times in order
        tap.onEvent(agent, type, at);
        if (type == EventType.SEND) {
            sink.message(engine.state(agent), text, at);
        }
        events++;
    }

    private void changeSettings(EngineSettings changed) {
        boolean expiryChanged = changed.expiryMs() != engine.settings().expiryMs();
        engine.settings(changed);
        if (expiryChanged) {
            sink.expiryChanged(changed.expiryMs()); // agent-api's typing duration follows the expiry
        }
    }

    /** One event into the metrics and the engine: the step shared by replays and the live prompt. */
    public static void apply(TypingEngine engine, EngagementMetrics metrics, int agent, EventType type, long at) {
        type.applyTo(metrics, agent, at);
        type.applyTo(engine, agent, at);
    }

    private void paceDeadlinesBefore(long time, Pacer pacer) throws InterruptedException {
        for (long due = engine.nextDeadline(); due < time; due = engine.nextDeadline()) {
            pacer.waitFor(due);
            engine.advanceTo(due);
        }
    }
}
