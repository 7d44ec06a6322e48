package dev.gctyping.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole trace held in memory as three primitive columns (13 bytes an event), so it can be
 * replayed many times, from several threads, without parsing again: the settings sweep's input.
 */
public final class RecordedTrace {
    private static final EventType[] TYPES = EventType.values();

    private long[] times = new long[1024];
    private int[] agents = new int[1024];
    private byte[] types = new byte[1024];
    private int size;
    private long invalidLines;
    private final List<String[]> keys = new ArrayList<>();
    private final Map<List<String>, Integer> handles = new HashMap<>();

    private RecordedTrace() {}

    /**
     * Reads every event of the merged files. A settings line is refused: the sweep replays the trace
     * under settings of its own, which such a line would override.
     */
    public static RecordedTrace load(
            List<String> paths, TraceFormat format, int maxLineBytes, InvalidLinePolicy policy, InputStream stdin)
            throws IOException {
        RecordedTrace trace = new RecordedTrace();
        try (TraceMerger merger = TraceMerger.open(paths, format, maxLineBytes, policy, trace::agent, stdin)) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                if (e.type() == EventType.SETTINGS) {
                    throw new TraceFormatException(
                            TraceMerger.sourceName(paths.get(e.sourceIndex())),
                            e.line(),
                            "the trace changes the engine's settings, which tune sweeps itself;"
                                    + " remove its \"settings\" lines to tune it");
                }
                trace.append(e.ts(), e.agent(), e.type());
            }
            trace.invalidLines = merger.invalidLines();
        }
        return trace;
    }

    private int agent(String conversationId, String agentId) {
        return handles.computeIfAbsent(List.of(conversationId, agentId), key -> {
            keys.add(new String[] {conversationId, agentId});
            return keys.size() - 1;
        });
    }

    private void append(long ts, int agent, EventType type) {
        if (size == times.length) {
            int grown = size * 2;
            times = Arrays.copyOf(times, grown);
            agents = Arrays.copyOf(agents, grown);
            types = Arrays.copyOf(types, grown);
        }
        times[size] = ts;
        agents[size] = agent;
        types[size] = (byte) type.ordinal();
        size++;
    }

    public int size() {
        return size;
    }

    /** Lines the invalid-line policy skipped while loading. */
    public long invalidLines() {
        return invalidLines;
    }

    public long time(int i) {
        return times[i];
    }

    /** The agent handle: dense, in order of first appearance, so an engine that registers {@link #conversationId}/{@link #agentId} in that order gets the same handles. */
    public int agent(int i) {
        return agents[i];
    }

    public EventType type(int i) {
        return TYPES[types[i]];
    }

    public int agentCount() {
        return keys.size();
    }

    public String conversationId(int agent) {
        return keys.get(agent)[0];
    }

    public String agentId(int agent) {
        return keys.get(agent)[1];
    }
}
