package dev.gctyping.shell;

import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.AgentState;
import dev.gctyping.engine.Clock;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.engine.TypingEngine;
import dev.gctyping.engine.TypingListener;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.MetricsExtension;
import dev.gctyping.replay.Replayer;
import dev.gctyping.support.IoErrors;
import dev.gctyping.trace.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent typing live: a {@link TypingEngine} and its {@link EngagementMetrics} on the real
 * clock. Every engine call runs on one daemon thread (the engine thread), so the engine needs no
 * locks; a timer on that thread fires each {@code inactive} live when its deadline comes.
 *
 * <p>Event methods ({@link #keystroke}, {@link #send}, {@link #blur}) return at once; queries and
 * settings wait for the engine thread, so they see every event submitted before them. Payload
 * listeners run on the engine thread and must not call back into the session's waiting methods.
 */
public final class LiveSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final Clock clock;
    private final PayloadSink wire;
    private final TypingEngine engine;
    private final EngagementMetrics metrics = new EngagementMetrics();
    private final ScheduledThreadPoolExecutor engineThread;
    private final String agentId;
    private final List<CompletableFuture<Void>> waitingForQuiet = new ArrayList<>();

    private int agent;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private TraceRecorder recorder;
    private volatile Snapshot latest;
    private volatile boolean closed;

    /** A session whose payloads only reach {@code view}. */
    public LiveSession(
            EngineSettings settings, String conversationId, String agentId, Clock clock, TypingListener view) {
        this(settings, conversationId, agentId, clock, view, PayloadSink.NONE);
    }

    /**
     * @param view shows each payload as it is emitted (the prompt, or stdout in piped mode)
     * @param wire gets each payload after the view, and each message: the wire transport
     */
    public LiveSession(
            EngineSettings settings,
            String conversationId,
            String agentId,
            Clock clock,
            TypingListener view,
            PayloadSink wire) {
        this.clock = clock;
        this.agentId = agentId;
        this.wire = wire;
        this.engine = new TypingEngine(settings, (state, signal, at) -> {
            publish(); // first: a status shown beside a payload must already count it
            view.onSignal(state, signal, at);
            wire.typing(state, signal, at);
        });
        this.engineThread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gctyping-engine");
            thread.setDaemon(true);
            return thread;
        });
        engineThread.setRemoveOnCancelPolicy(true); // every keystroke moves the timer; drop the old ones
        this.agent = engine.agent(conversationId, agentId);
        publish();
    }

    public void keystroke(String key) {
        event(EventType.KEYSTROKE, key, null);
    }

    public void send(String text) {
        event(EventType.SEND, null, text);
    }

    /** The agent left the input box. */
    public void blur() {
        event(EventType.BLUR, null, null);
    }

    public void dedupWindow(long millis) {
        settings(engine.settings().withDedupWindow(millis));
    }

    public void expiry(long millis) {
        settings(engine.settings().withExpiry(millis));
    }

    private void settings(EngineSettings changed) {
        call(() -> {
            engine.settings(changed);
            wire.expiryChanged(changed.expiryMs());
            recordSettings(now());
            return null;
        });
    }

    /** Types into another conversation from now on; leaving the current one is a blur there. */
    public void conversation(String conversationId) {
        call(() -> {
            blurNow();
            agent = engine.agent(conversationId, agentId);
            return null;
        });
    }

    /** The state after every event submitted so far. */
    public Snapshot snapshot() {
        return call(() -> latest);
    }

    /** The state as of the engine's last call, without waiting: for a status line refreshed from any thread. */
    public Snapshot latest() {
        return latest;
    }

    /** The wall clock the session runs on, for countdowns. */
    public long clockMillis() {
        return clock.millis();
    }

    /** The {@code agent_typing_engagement} records so far, one per agent this session typed as. */
    public List<String> metricsRecords() {
        return call(() -> metrics.records(engine, MetricsExtension.NONE));
    }

    /**
     * Starts writing every event to {@code file} (replacing it) in the replay trace format; stops any
     * earlier recording. The file starts with the settings in force and records each change, so it
     * replays the same whatever the replay's own settings.
     *
     * @throws IOException with a human reason as its message, if the file cannot be written
     */
    public void startRecording(Path file) throws IOException {
        try {
            call(() -> {
                stopRecordingNow();
                try {
                    recorder = new TraceRecorder(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                recordSettings(now());
                return null;
            });
        } catch (UncheckedIOException e) {
            throw new IOException(IoErrors.writeReason(e.getCause()), e.getCause());
        }
    }

    /** Stops recording; returns the file that was being written, or null if none was. */
    public Path stopRecording() {
        return call(this::stopRecordingNow);
    }

    /** Completes once no {@code inactive} is pending: every typing run has ended (by expiry, send or blur). */
    public CompletableFuture<Void> whenQuiet() {
        if (closed) {
            return CompletableFuture.completedFuture(null); // close() ended every run
        }
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        submit(() -> {
            waitingForQuiet.add(quiet);
            completeIfQuiet();
        });
        return quiet;
    }

    /**
     * The agent leaves: blurs the current agent, closes every other open run ({@link TypingEngine#finish()}),
     * stops recording and the engine thread. Queries still work afterwards, on the caller's thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        call(() -> {
            blurNow();
            engine.finish();
            stopRecordingNow();
            return null;
        });
        closed = true;
        engineThread.shutdownNow();
        try {
            engineThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the clock now, on the caller's thread, so the engine thread's queueing does not delay the event. */
    private void event(EventType type, String key, String text) {
        long happened = clock.millis();
        submit(() -> apply(type, timeOf(happened), key, text));
    }

    private void blurNow() {
        apply(EventType.BLUR, now(), null, null);
    }

    private void apply(EventType type, long at, String key, String text) {
        record(at, type, key, text);
        Replayer.apply(engine, metrics, agent, type, at);
        if (type == EventType.SEND) {
            wire.message(engine.state(agent), text, at);
        }
    }

    private long now() {
        return timeOf(clock.millis());
    }

    /** An event's time: the clock when it happened, but never behind the engine, which a fired deadline may have moved past it. */
    private long timeOf(long clockReading) {
        return Math.max(clockReading, engine.now());
    }

    /** Runs an event on the engine thread; after {@link #close()} (the agent has left) events are dropped. */
    private void submit(Runnable engineCall) {
        try {
            engineThread.execute(() -> {
                try {
                    engineCall.run();
                } catch (RuntimeException e) {
                    LOG.error("the live session failed to handle an event", e); // the executor would swallow it
                } finally {
                    afterEngineCall();
                }
            });
        } catch (RejectedExecutionException closedMeanwhile) {
            LOG.debug("event after the session closed, dropped");
        }
    }

    private <T> T call(Callable<T> engineCall) {
        if (closed) {
            try {
                return engineCall.call(); // the engine thread has ended: its writes are visible after awaitTermination
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return engineThread
                    .submit(() -> {
                        T result = engineCall.call();
                        afterEngineCall();
                        return result;
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine thread", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Keeps exactly one timer, at the engine's next deadline, and publishes the new state. */
    private void afterEngineCall() {
        long next = engine.nextDeadline();
        if (next != timerAt) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            timerAt = next;
            if (next != Long.MAX_VALUE && !engineThread.isShutdown()) {
                timer = engineThread.schedule(
                        this::deadlineReached, Math.max(0, next - clock.millis()), TimeUnit.MILLISECONDS);
            }
        }
        publish();
        completeIfQuiet();
    }

    private void deadlineReached() {
        timer = null;
        timerAt = Long.MAX_VALUE;
        engine.advanceTo(now()); // a clock still short of the deadline fires nothing: the timer is set again
        afterEngineCall();
    }

    private void completeIfQuiet() {
        if (timerAt == Long.MAX_VALUE && !waitingForQuiet.isEmpty()) {
            waitingForQuiet.forEach(quiet -> quiet.complete(null));
            waitingForQuiet.clear();
        }
    }

    private void record(long at, EventType type, String key, String text) {
        if (recorder != null) {
            AgentState state = engine.state(agent);
            write(() -> recorder.record(at, state.conversationId(), state.agentId(), type, key, text));
        }
    }

    private void recordSettings(long at) {
        if (recorder != null) {
            write(() -> recorder.settings(at, engine.settings()));
        }
    }

    private interface RecorderWrite {
        void run() throws IOException;
    }

    /** A recording that cannot be written stops; the session goes on. */
    private void write(RecorderWrite line) {
        try {
            line.run();
        } catch (IOException e) {
            LOG.warn("recording to {} stopped: {}", recorder.file(), e.toString());
            stopRecordingNow();
        }
    }

    private Path stopRecordingNow() {
        if (recorder == null) {
            return null;
        }
        Path file = recorder.file();
        try {
            recorder.close();
        } catch (IOException e) {
            LOG.warn("closing the recording {} failed: {}", file, e.toString());
        }
        recorder = null;
        return file;
    }

    private void publish() {
        latest = Snapshot.of(engine.state(agent), engine.settings(), recorder == null ? null : recorder.file());
    }
}
