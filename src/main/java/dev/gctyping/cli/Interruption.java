package dev.gctyping.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a long command: the shutdown hook interrupts the working thread and waits (a
 * little) for it to flush what it has gathered and close its connections, instead of the JVM
 * dying mid-line.
 */
final class Interruption {
    private final Thread worker = Thread.currentThread();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::interruptAndWait, "ctrl-c");
    private volatile boolean happened;

    private Interruption() {}

    static Interruption onCtrlC() {
        Interruption interruption = new Interruption();
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    private void interruptAndWait() {
        happened = true;
        worker.interrupt();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean happened() {
        return happened;
    }

    /** The work is flushed: a pending hook may let the JVM go; otherwise the hook is removed. */
    void done() {
        finished.countDown();
        if (!happened) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running; it will see the latch
            }
        }
    }
}
