package dev.gctyping.replay;

import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.trace.TraceEvent;
import dev.gctyping.trace.TraceMerger;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Drives merged trace events through the engine on a virtual clock (the trace's own timestamps),
 * as fast as the machine allows, handing every payload to a listener in emission order.
 */
public final class Replayer {
    /** How often (in events) the progress callback runs; a power of two keeps the check cheap. */
    private static final int PROGRESS_EVERY = 1 << 16;

    private final TypingEngine engine;
    private final EngagementMetrics metrics = new EngagementMetrics();
    private long payloads;

    public Replayer(EngineSettings settings, TypingListener payloadListener) {
        this.engine = new TypingEngine(settings, (agent, signal, at) -> {
            payloads++;
            payloadListener.onSignal(agent, signal, at);
        });
    }

    public TypingEngine engine() {
        return engine;
    }

    public EngagementMetrics metrics() {
        return metrics;
    }

    /**
     * Replays every event, then closes all open typing runs.
     *
     * @param progress called every {@value #PROGRESS_EVERY} events with the count so far
     */
    public ReplayStats run(TraceMerger trace, LongConsumer progress) throws IOException {
        long started = System.nanoTime();
        long events = 0;
        long keystrokes = 0;
        for (TraceEvent e = trace.next(); e != null; e = trace.next()) {
            int agent = e.agent();
            long at = e.ts();
            switch (e.type()) {
                case KEYSTROKE -> {
                    keystrokes++;
                    metrics.keystroke(agent, at);
                    engine.keystroke(agent, at);
                }
                case SEND -> {
                    metrics.send(agent, at);
                    engine.send(agent, at);
                }
                case BLUR -> {
                    metrics.blur(agent, at);
                    engine.blur(agent, at);
                }
            }
            if ((++events & (PROGRESS_EVERY - 1)) == 0) {
                progress.accept(events);
            }
        }
        engine.finish();
        return new ReplayStats(events, keystrokes, payloads, System.nanoTime() - started);
    }
}
