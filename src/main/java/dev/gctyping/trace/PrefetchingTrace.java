package dev.gctyping.trace;

import dev.gctyping.engine.EngineSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and merges a trace on a thread of its own and hands the events over in batches of
 * primitive arrays, so that parsing runs on one core while the engine runs on another. A few
 * batches circulate between the two threads: nothing is allocated per event or per batch.
 *
 * <p>The engine stays single-threaded: the reader thread never calls the {@link AgentResolver}.
 * It only interns (conversationId, agentId) pairs into dense keys and sends each new pair's
 * names along with the first batch that may use it; {@link #next()}, on the caller's thread,
 * resolves them in the order they appeared, exactly as a direct read would have.
 *
 * <p>A bad line (or an I/O error) is reported after the events before it, as a direct read does.
 * The merger belongs to this reader until {@link #close()}, which stops the thread and (unless
 * the replay was interrupted) joins it.
 */
public final class PrefetchingTrace implements AutoCloseable {
    private static final int BATCH_EVENTS = 4096;
    private static final int BATCHES = 4;
    private static final EventType[] TYPES = EventType.values();

    private final TraceMerger merger;
    private final AgentInterner interner;
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    /** Key to handle, for the caller's thread only. */
    private int[] handles;

    private int resolvedKeys;
    private Batch current;
    private Throwable pendingFailure;
    private boolean ended;

    /** One batch of events, valid until the next {@link #next()}. */
    public static final class Batch {
        private final long[] times = new long[BATCH_EVENTS];
        private final int[] keys = new int[BATCH_EVENTS];
        private final int[] agents = new int[BATCH_EVENTS];
        /** {@link EventType} ordinals: the batch is primitive but for the (rare) texts. */
        private final byte[] types = new byte[BATCH_EVENTS];

        private final String[] texts = new String[BATCH_EVENTS];
        private final String[] communicationIds = new String[BATCH_EVENTS];
        private final EngineSettings[] settings = new EngineSettings[BATCH_EVENTS];
        private final List<String> newConversationIds = new ArrayList<>();
        private final List<String> newAgentIds = new ArrayList<>();
        private int size;
        /** Whether any text, communication id or settings was set: only then is there something to clear. */
        private boolean hasObjects;

        private boolean last;
        private Throwable failure;

        public int size() {
            return size;
        }

        public long ts(int i) {
            return times[i];
        }

        /** The engine's handle for the event's (conversationId, agentId); -1 for a settings line. */
        public int agent(int i) {
            return agents[i];
        }

        public EventType type(int i) {
            return TYPES[types[i]];
        }

        /** The message text of a {@code send}, if the trace has one. */
        public String text(int i) {
            return texts[i];
        }

        /** The agent's messages communication id, if the trace line names one. */
        public String communicationId(int i) {
            return communicationIds[i];
        }

        /** What a {@link EventType#SETTINGS} line changes the settings to; null for other events. */
        public EngineSettings settings(int i) {
            return settings[i];
        }

        private void clear() {
            if (hasObjects) {
                Arrays.fill(texts, 0, size, null);
                Arrays.fill(communicationIds, 0, size, null);
                Arrays.fill(settings, 0, size, null);
                hasObjects = false;
            }
            size = 0;
            failure = null;
            newConversationIds.clear();
            newAgentIds.clear();
        }
    }

    private PrefetchingTrace(TraceMerger merger) {
        this.merger = merger;
        this.interner = merger.interner();
        // keys of events read before this started, if any, are resolved already
        this.resolvedKeys = interner.size();
        this.handles = new int[Math.max(1024, resolvedKeys)];
        for (int key = 0; key < resolvedKeys; key++) {
            handles[key] = interner.handle(key);
        }
        interner.deferResolution();
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        this.reader = new Thread(this::readAll, "gctyping-trace-reader");
        reader.setDaemon(true);
    }

    /** Starts reading the merger's remaining events on a new thread. */
    public static PrefetchingTrace start(TraceMerger merger) {
        PrefetchingTrace trace = new PrefetchingTrace(merger);
        trace.reader.start();
        return trace;
    }

    /**
     * The next batch (never empty), or null when the trace is done. Throws what reading threw
     * (a {@link TraceFormatException} for a bad line) once the events before it were returned.
     *
     * @throws InterruptedException if this thread is interrupted while waiting for the reader
     */
    public Batch next() throws IOException, InterruptedException {
        while (true) {
            if (current != null) {
                free.add(current);
                current = null;
            }
            if (pendingFailure != null) {
                throw rethrow(pendingFailure);
            }
            if (ended) {
                return null;
            }
            Batch batch;
            try {
                batch = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // still set when the caller closes this: see close()
                throw e;
            }
            resolveNewKeys(batch);
            pendingFailure = batch.failure;
            ended = batch.last;
            current = batch;
            if (batch.size > 0) {
                return batch;
            }
        }
    }

    private void resolveNewKeys(Batch batch) {
        int added = batch.newConversationIds.size();
        if (resolvedKeys + added > handles.length) {
            handles = Arrays.copyOf(handles, Math.max(resolvedKeys + added, handles.length * 2));
        }
        AgentResolver resolver = interner.resolver();
        for (int i = 0; i < added; i++) {
            handles[resolvedKeys++] = resolver.agent(batch.newConversationIds.get(i), batch.newAgentIds.get(i));
        }
        for (int i = 0; i < batch.size; i++) {
            int key = batch.keys[i];
            batch.agents[i] = key < 0 ? -1 : handles[key];
        }
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    // ---- the reader thread ----

    /** Keys already sent to the caller's thread, as names; only the reader thread touches it. */
    private int announcedKeys;

    private void readAll() {
        announcedKeys = interner.size();
        try {
            boolean last = false;
            while (!last) {
                Batch batch = free.take();
                batch.clear();
                try {
                    last = fill(batch);
                } catch (IOException | RuntimeException | Error failure) {
                    batch.failure = failure;
                    last = true;
                }
                announceNewKeys(batch);
                batch.last = last;
                full.put(batch);
            }
        } catch (InterruptedException closed) {
            // close() stops the reader: nobody waits for the rest
        }
    }

    /** Fills the batch from the merger; true at the end of the trace. */
    private boolean fill(Batch batch) throws IOException {
        while (batch.size < BATCH_EVENTS) {
            TraceEvent e = merger.next();
            if (e == null) {
                return true;
            }
            int i = batch.size++;
            batch.times[i] = e.ts;
            batch.keys[i] = e.key;
            batch.types[i] = (byte) e.type.ordinal();
            if (e.text != null || e.communicationId != null) {
                batch.texts[i] = e.text;
                batch.communicationIds[i] = e.communicationId;
                batch.hasObjects = true;
            }
            if (e.type == EventType.SETTINGS) {
                batch.settings[i] = e.settings;
                batch.hasObjects = true;
            }
        }
        return false;
    }

    private void announceNewKeys(Batch batch) {
        for (int size = interner.size(); announcedKeys < size; announcedKeys++) {
            batch.newConversationIds.add(interner.conversationId(announcedKeys));
            batch.newAgentIds.add(interner.agentId(announcedKeys));
        }
    }

    /**
     * Stops the reader thread (if it is still reading) and waits for it, unless this thread was
     * interrupted (Ctrl-C): the reader may then be blocked reading a pipe that delivers nothing more,
     * which no interrupt ends, so it is left to die with the process (it is a daemon) rather than
     * holding the interrupted replay's records back.
     */
    @Override
    public void close() {
        reader.interrupt();
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped while waiting: as above
        }
    }
}
