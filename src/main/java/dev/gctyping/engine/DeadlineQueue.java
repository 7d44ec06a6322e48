package dev.gctyping.engine;

import java.util.Arrays;

/**
 * A binary min-heap of (deadline, sequence, agent) in parallel primitive arrays: one structure for
 * all agents, O(log n) per operation and no allocation per entry. Ties on the deadline are broken
 * by the sequence number of the event that set it, so simultaneous expiries fire in the order
 * their last keystrokes arrived.
 */
final class DeadlineQueue {
    private long[] deadlines = new long[64];
    private long[] sequences = new long[64];
    private int[] agents = new int[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long peekDeadline() {
        return deadlines[0];
    }

    long peekSequence() {
        return sequences[0];
    }

    int peekAgent() {
        return agents[0];
    }

    void push(long deadline, long sequence, int agent) {
        if (size == deadlines.length) {
            int grown = size * 2;
            deadlines = Arrays.copyOf(deadlines, grown);
            sequences = Arrays.copyOf(sequences, grown);
            agents = Arrays.copyOf(agents, grown);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(deadline, sequence, deadlines[parent], sequences[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, deadline, sequence, agent);
    }

    /** Removes the earliest entry; read it first with {@link #peekDeadline()}/{@link #peekAgent()}. */
    void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        long deadline = deadlines[last];
        long sequence = sequences[last];
        int agent = agents[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(deadlines[right], sequences[right], deadlines[child], sequences[child])) {
                child = right;
            }
            if (!before(deadlines[child], sequences[child], deadline, sequence)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, deadline, sequence, agent);
    }

    private static boolean before(long deadline, long sequence, long otherDeadline, long otherSequence) {
        return deadline < otherDeadline || (deadline == otherDeadline && sequence < otherSequence);
    }

    private void move(int from, int to) {
        set(to, deadlines[from], sequences[from], agents[from]);
    }

    private void set(int i, long deadline, long sequence, int agent) {
        deadlines[i] = deadline;
        sequences[i] = sequence;
        agents[i] = agent;
    }
}
