package dev.gctyping.app;

import dev.gctyping.metrics.EngagementRecords;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Hands over a finished dry run's records in order while a second thread renders every other
 * chunk of them. With 100 000 agents, rendering was a third of the main thread's time, spent after
 * the trace reader's thread had finished: the second core sat idle.
 */
final class ParallelRecords {
    /** Records per chunk: large enough that hand-overs cost nothing, small enough to hold a few. */
    static final int CHUNK = 1024;
    /** Chunks the helper may render ahead of the one being handed over, bounding the memory held. */
    private static final int AHEAD = 2;

    private ParallelRecords() {}

    /**
     * Every record, in order, to {@code to} on this thread; the records' extension must allow
     * rendering on another thread.
     */
    static void forEach(EngagementRecords records, Consumer<String> to) throws InterruptedException {
        int chunks = (records.size() + CHUNK - 1) / CHUNK;
        if (chunks < 2) {
            records.forEach(to);
            return;
        }
        // the odd chunks, in order, or what the helper failed with
        BlockingQueue<Object> odd = new ArrayBlockingQueue<>(AHEAD);
        Thread helper = new Thread(() -> renderOddChunks(records, chunks, odd), "gctyping-records");
        helper.setDaemon(true); // never holds up the exit of a run that failed here
        helper.start();
        try {
            EngagementRecords.Renderer renderer = records.renderer();
            for (int chunk = 0; chunk < chunks; chunk++) {
                if (chunk % 2 == 0) {
                    for (int i = chunk * CHUNK, end = end(records, chunk); i < end; i++) {
                        to.accept(renderer.render(i));
                    }
                } else {
                    Object rendered = odd.take();
                    if (rendered instanceof Throwable failure) {
                        throw rethrown(failure);
                    }
                    for (String record : (String[]) rendered) {
                        to.accept(record);
                    }
                }
            }
        } finally {
            helper.interrupt();
        }
    }

    private static void renderOddChunks(EngagementRecords records, int chunks, BlockingQueue<Object> to) {
        try {
            try {
                EngagementRecords.Renderer renderer = records.renderer();
                for (int chunk = 1; chunk < chunks; chunk += 2) {
                    String[] rendered = new String[end(records, chunk) - chunk * CHUNK];
                    for (int i = 0; i < rendered.length; i++) {
                        rendered[i] = renderer.render(chunk * CHUNK + i);
                    }
                    to.put(rendered);
                }
            } catch (RuntimeException | Error failure) {
                to.put(failure); // in its chunk's place: the caller takes it after the chunks before
            }
        } catch (InterruptedException stopped) {
            // the caller is done, or failed: nothing waits for the rest
        }
    }

    private static int end(EngagementRecords records, int chunk) {
        return Math.min(records.size(), (chunk + 1) * CHUNK);
    }

    /** The helper's failure, thrown on the caller's thread (an OutOfMemoryError stays one, for its one-line message). */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
