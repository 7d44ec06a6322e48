package dev.gctyping.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchingTraceTest {
    @TempDir
    Path dir;

    /** A resolver whose handles are not the interner's keys (odd numbers, from 7), and which records its thread. */
    private static final class Registry implements AgentResolver {
        final List<String> names = new ArrayList<>();
        final List<Thread> callers = new ArrayList<>();

        @Override
        public int agent(String conversationId, String agentId) {
            callers.add(Thread.currentThread());
            String name = conversationId + "/" + agentId;
            int known = names.indexOf(name);
            if (known < 0) {
                names.add(name);
                known = names.size() - 1;
            }
            return 7 + 2 * known;
        }

        String name(int handle) {
            return names.get((handle - 7) / 2);
        }
    }

    /** Several files, more events than a batch holds and more agents than the key table starts with. */
    private List<String> files(int events) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<String> paths = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            StringBuilder trace = new StringBuilder();
            long ts = 0;
            for (int i = 0; i < events; i++) {
                ts += random.nextInt(3);
                String event = random.nextInt(10) == 0 ? "send\", \"text\": \"m" + i : "keystroke";
                trace.append("{\"ts\": ")
                        .append(ts)
                        .append(", \"conversationId\": \"c")
                        .append(random.nextInt(1500))
                        .append("\", \"agentId\": \"a")
                        .append(f)
                        .append("\", \"event\": \"")
                        .append(event)
                        .append("\"}\n");
            }
            Path path = dir.resolve("t" + f + ".ndjson");
            Files.writeString(path, trace);
            paths.add(path.toString());
        }
        return paths;
    }

    private static TraceMerger open(List<String> paths, AgentResolver resolver) throws IOException {
        return TraceMerger.open(
                paths,
                TraceFormat.AUTO,
                TraceMerger.DEFAULT_MAX_LINE_BYTES,
                InvalidLinePolicy.FAIL,
                resolver,
                InputStream.nullInputStream());
    }

    private static String describe(long ts, EventType type, String agent, String text) {
        return ts + " " + type.wireName() + " " + agent + (text == null ? "" : " " + text);
    }

    @Test
    void deliversTheMergedEventsWithTheHandlesADirectReadGives() throws Exception {
        List<String> paths = files(6000);
        Registry directRegistry = new Registry();
        List<String> direct = new ArrayList<>();
        List<Integer> directHandles = new ArrayList<>();
        try (TraceMerger merger = open(paths, directRegistry)) {
            for (TraceEvent e = merger.next(); e != null; e = merger.next()) {
                direct.add(describe(e.ts(), e.type(), directRegistry.name(e.agent()), e.text()));
                directHandles.add(e.agent());
            }
        }

        Registry registry = new Registry();
        List<String> prefetched = new ArrayList<>();
        List<Integer> handles = new ArrayList<>();
        try (TraceMerger merger = open(paths, registry);
                PrefetchingTrace trace = PrefetchingTrace.start(merger)) {
            for (PrefetchingTrace.Batch b = trace.next(); b != null; b = trace.next()) {
                for (int i = 0; i < b.size(); i++) {
                    prefetched.add(describe(b.ts(i), b.type(i), registry.name(b.agent(i)), b.text(i)));
                    handles.add(b.agent(i));
                }
            }
            assertThat(trace.next()).isNull();
        }
        assertThat(prefetched).hasSize(18_000).isEqualTo(direct);
        assertThat(handles).isEqualTo(directHandles);
        assertThat(registry.names).hasSizeGreaterThan(1024).isEqualTo(directRegistry.names);
        assertThat(registry.callers).containsOnly(Thread.currentThread());
    }

    @Test
    void aBadLineIsThrownAfterTheEventsBeforeIt() throws Exception {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            trace.append("{\"ts\": ").append(i).append(", \"conversationId\": \"c\", \"agentId\": \"a\"}\n");
        }
        trace.append("{\"ts\": 1, \"conversationId\": \"c\", \"agentId\": \"a\"}\n");
        Path path = dir.resolve("bad.ndjson");
        Files.writeString(path, trace);
        List<Long> seen = new ArrayList<>();
        try (TraceMerger merger = open(List.of(path.toString()), new Registry());
                PrefetchingTrace prefetched = PrefetchingTrace.start(merger)) {
            assertThatThrownBy(() -> {
                        for (PrefetchingTrace.Batch b = prefetched.next(); b != null; b = prefetched.next()) {
                            for (int i = 0; i < b.size(); i++) {
                                seen.add(b.ts(i));
                            }
                        }
                    })
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("bad.ndjson:5001: timestamp 1 goes backwards");
        }
        assertThat(seen).hasSize(5000).endsWith(4999L);
    }

    @Test
    void closingEarlyStopsTheReaderThread() throws Exception {
        List<String> paths = files(20_000);
        Thread reader;
        try (TraceMerger merger = open(paths, new Registry());
                PrefetchingTrace trace = PrefetchingTrace.start(merger)) {
            assertThat(trace.next().size()).isPositive();
            reader = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("gctyping-trace-reader"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(reader.isAlive()).isFalse();
    }
}
