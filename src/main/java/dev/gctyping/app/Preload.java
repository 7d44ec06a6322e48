package dev.gctyping.app;

import dev.gctyping.support.Json;

/**
 * Start-up work that every job over the wire needs and that costs a fifth of a second of CPU at a
 * cold start: Jackson's mapper. Begun on a second thread as
 * soon as a job opens its target, it overlaps with the target's start instead of following it on
 * the job's thread (class initialisation is once per JVM: whoever comes second waits for it).
 */
final class Preload {
    private Preload() {}

    static void inBackground() {
        Thread thread = new Thread(Preload::run, "gctyping-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        Json.parse("{}");
    }
}
