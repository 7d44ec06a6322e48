package dev.gctyping.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gctyping.dialect.PayloadSink;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.metrics.EngagementMetrics;
import dev.gctyping.metrics.MetricsExtension;
import dev.gctyping.replay.Replayer;
import dev.gctyping.trace.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a lost hand-over hangs the caller: fail instead
class ParallelRecordsTest {
    /** Three and a half chunks: the helper renders the second and the fourth, the last one short. */
    private static final int AGENTS = 3 * ParallelRecords.CHUNK + ParallelRecords.CHUNK / 2;

    @Test
    void handsOverEveryRecordInTheSortedOrder() throws InterruptedException {
        Replayer replayer = replayed(AGENTS);
        List<String> expected = replayer.metrics().records(replayer.engine(), MetricsExtension.NONE);
        List<String> handedOver = new ArrayList<>();

        ParallelRecords.forEach(replayer.metrics().sorted(replayer.engine(), MetricsExtension.NONE), handedOver::add);

        assertThat(expected).hasSize(AGENTS);
        assertThat(handedOver).containsExactlyElementsOf(expected);
        assertThat(handedOver.get(0)).contains("\"conversationId\":\"conv-00000\"");
    }

    @Test
    void aFailureOnTheHelpersThreadIsThrownOnTheCallersOnceTheRecordsBeforeItAreHandedOver()
            throws InterruptedException {
        Replayer replayer = replayed(AGENTS);
        int failing = ParallelRecords.CHUNK + 7; // in the second chunk: the helper's
        OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
        Thread caller = Thread.currentThread();
        List<String> handedOver = new ArrayList<>();
        MetricsExtension failingOnOne = (agent, metrics) -> {
            if (Thread.currentThread() != caller
                    && conversationOf(replayer, agent).equals(conversation(failing))) {
                throw outOfMemory;
            }
        };

        assertThatThrownBy(() -> ParallelRecords.forEach(
                        replayer.metrics().sorted(replayer.engine(), failingOnOne), handedOver::add))
                .isSameAs(outOfMemory);
        assertThat(handedOver).hasSize(ParallelRecords.CHUNK);
    }

    @Test
    void theHelperStopsWhenTheCallerFails() throws InterruptedException {
        Replayer replayer = replayed(8 * ParallelRecords.CHUNK); // more chunks than the helper may render ahead
        RuntimeException closed = new IllegalStateException("stdout closed");

        assertThatThrownBy(() -> ParallelRecords.forEach(
                        replayer.metrics().sorted(replayer.engine(), MetricsExtension.NONE), record -> {
                            throw closed;
                        }))
                .isSameAs(closed);
        for (Thread thread : helpers()) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("helper still running").isFalse();
        }
    }

    private static List<Thread> helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gctyping-records"))
                .toList();
    }

    /** Agents whose keys come in a random order (not the sorted one), with a few events each. */
    private static Replayer replayed(int agents) {
        Replayer replayer = new Replayer(EngineSettings.DEFAULTS, PayloadSink.NONE, new EngagementMetrics());
        Random random = new Random(11);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        long at = 1_764_000_000_000L;
        for (int i : order) {
            int agent = replayer.engine().agent(conversation(i), "agent-" + i);
            for (int key = 0; key < 1 + random.nextInt(4); key++) {
                at += random.nextInt(200);
                Replayer.apply(replayer.engine(), replayer.metrics(), agent, EventType.KEYSTROKE, at);
            }
            Replayer.apply(replayer.engine(), replayer.metrics(), agent, EventType.SEND, at += 100);
        }
        replayer.engine().finish();
        return replayer;
    }

    private static String conversation(int i) {
        return String.format("conv-%05d", i);
    }

    private static String conversationOf(Replayer replayer, int agent) {
        return replayer.engine().state(agent).conversationId();
    }
}
