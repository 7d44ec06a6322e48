package dev.gctyping.replay;

/**
 * Maps trace time onto the wall clock for replays that go over the wire: {@code --speed X} plays X
 * times the trace's pace, {@code max} as fast as the transport allows. Only when things happen is
 * paced; payload timestamps stay in trace time whatever the speed.
 */
public final class Pacer {
    /** No waiting at all: dry runs and {@code --speed max}. */
    public static final Pacer UNPACED = new Pacer(Double.POSITIVE_INFINITY);

    private final double speed;
    private long traceOrigin = Long.MIN_VALUE;
    private long wallOriginNanos;
    /** The trace time last waited for; volatile, as progress reads it from another thread. */
    private volatile long traceNow = Long.MIN_VALUE;

    public Pacer(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        this.speed = speed;
    }

    public boolean paced() {
        return speed != Double.POSITIVE_INFINITY;
    }

    /** Blocks until the wall clock reaches the moment for {@code traceTime}; the first call sets the origin. */
    public void waitFor(long traceTime) throws InterruptedException {
        if (!paced()) {
            return;
        }
        if (traceOrigin == Long.MIN_VALUE) {
            traceOrigin = traceTime;
            wallOriginNanos = System.nanoTime();
            traceNow = traceTime; // after the origin: a reader that sees it sees the origin too
            return;
        }
        traceNow = traceTime;
        long dueNanos = wallOriginNanos + (long) ((traceTime - traceOrigin) * 1_000_000 / speed);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** The trace time replayed so far (from the first event), in milliseconds; 0 before it or unpaced. */
    public long traceElapsedMs() {
        long now = traceNow;
        return now == Long.MIN_VALUE ? 0 : now - traceOrigin;
    }
}
