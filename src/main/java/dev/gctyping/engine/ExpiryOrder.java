package dev.gctyping.engine;

import java.util.Arrays;

/**
 * The typing agents in the order their deadlines fall due: one doubly linked list over agent
 * handles, in primitive arrays, for all agents. Equal deadlines keep the order in which they were
 * set, so simultaneous expiries fire in the order their last keystrokes arrived.
 *
 * <p>Why a list and not a heap: a deadline is a keystroke's time plus the expiry E, and time never
 * goes backwards, so while E stays the same every new deadline is the latest one. It goes to the
 * tail, and every operation is O(1) whatever the number of agents, where a heap would pay
 * O(log n) to sort what arrives sorted. Only a shorter E set mid-run (the live prompt's
 * {@code :set}) can put a deadline before the tail's; it is then walked back to its place, past
 * the longer deadlines still pending.
 */
final class ExpiryOrder {
    /** The end of the list, in {@link #previous} and {@link #next}. */
    private static final int END = -1;
    /** In {@link #previous}: the agent is not in the list. */
    private static final int ABSENT = -2;

    private int[] previous = new int[0];
    private int[] next = new int[0];
    private long[] deadlines = new long[0];
    private int head = END;
    private int tail = END;

    boolean isEmpty() {
        return head == END;
    }

    /** The agent whose deadline falls due first; only when not {@link #isEmpty()}. */
    int first() {
        return head;
    }

    long deadline(int agent) {
        return deadlines[agent];
    }

    /** Sets (or moves) the agent's deadline; it goes after every deadline at or before it. */
    void schedule(int agent, long deadline) {
        if (agent >= previous.length) {
            grow(agent);
        }
        remove(agent);
        deadlines[agent] = deadline;
        int before = tail;
        while (before != END && deadlines[before] > deadline) {
            before = previous[before];
        }
        int after = before == END ? head : next[before];
        join(before, agent);
        join(agent, after);
    }

    /** Takes the agent out of the list, if it is in it. */
    void remove(int agent) {
        if (agent >= previous.length || previous[agent] == ABSENT) {
            return;
        }
        join(previous[agent], next[agent]);
        previous[agent] = ABSENT;
    }

    /** Makes {@code second} follow {@code first}; {@link #END} on either side stands for an end of the list. */
    private void join(int first, int second) {
        if (first == END) {
            head = second;
        } else {
            next[first] = second;
        }
        if (second == END) {
            tail = first;
        } else {
            previous[second] = first;
        }
    }

    private void grow(int agent) {
        int length = Math.max(agent + 1, Math.max(64, previous.length * 2));
        int old = previous.length;
        previous = Arrays.copyOf(previous, length);
        Arrays.fill(previous, old, length, ABSENT);
        next = Arrays.copyOf(next, length);
        deadlines = Arrays.copyOf(deadlines, length);
    }
}
