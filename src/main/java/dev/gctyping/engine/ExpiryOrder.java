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
    /** The end of the list, in the links. */
    private static final int END = -1;
    /** As the previous link: the agent is not in the list. */
    private static final int ABSENT = -2;

    private static final long LOW = 0xFFFF_FFFFL;

    /** In an agent's block: its deadline. */
    static final int DEADLINE = 0;
    /** In an agent's block: its links, the previous agent in the high half and the next in the low half. */
    private static final int LINKS = 1;
    /** The first long of a block that the list leaves to its owner. */
    static final int FREE = 2;

    /**
     * A block of {@link #stride} longs per agent: its deadline and links, then whatever the owner
     * keeps per agent ({@link TypingEngine}'s counters). One place per agent, not one array per
     * field: with 100 000 agents each array is a cache miss of its own on every event.
     */
    private long[] blocks = new long[0];

    private final int stride;

    private int head = END;
    private int tail = END;

    ExpiryOrder(int stride) {
        this.stride = stride;
    }

    /** The blocks, agent {@code a}'s at {@code a * stride}; replaced when {@link #ensure} grows them. */
    long[] blocks() {
        return blocks;
    }

    /** Makes room for agents 0..agent, each with a zeroed block, out of the list. */
    void ensure(int agent) {
        if (agent * stride < blocks.length) {
            return;
        }
        int old = blocks.length / stride;
        int length = Math.max(agent + 1, Math.max(64, old * 2));
        blocks = Arrays.copyOf(blocks, length * stride);
        for (int a = old; a < length; a++) {
            link(a, ABSENT, END);
        }
    }

    /** Whether the agent is in the list. */
    boolean contains(int agent) {
        return previous(agent) != ABSENT;
    }

    boolean isEmpty() {
        return head == END;
    }

    /** The agent whose deadline falls due first; only when not {@link #isEmpty()}. */
    int first() {
        return head;
    }

    long deadline(int agent) {
        return blocks[agent * stride + DEADLINE];
    }

    /** Sets (or moves) the agent's deadline; it goes after every deadline at or before it. */
    void schedule(int agent, long deadline) {
        remove(agent);
        blocks[agent * stride + DEADLINE] = deadline;
        int before = tail;
        while (before != END && deadline(before) > deadline) {
            before = previous(before);
        }
        int after = before == END ? head : next(before);
        join(before, agent);
        join(agent, after);
    }

    /** Takes the agent out of the list, if it is in it. */
    void remove(int agent) {
        if (!contains(agent)) {
            return;
        }
        join(previous(agent), next(agent));
        link(agent, ABSENT, next(agent));
    }

    /** Makes {@code second} follow {@code first}; {@link #END} on either side stands for an end of the list. */
    private void join(int first, int second) {
        if (first == END) {
            head = second;
        } else {
            link(first, previous(first), second);
        }
        if (second == END) {
            tail = first;
        } else {
            link(second, first, next(second));
        }
    }

    private int previous(int agent) {
        return (int) (blocks[agent * stride + LINKS] >> 32);
    }

    private int next(int agent) {
        return (int) blocks[agent * stride + LINKS];
    }

    private void link(int agent, int previous, int next) {
        blocks[agent * stride + LINKS] = (long) previous << 32 | (next & LOW);
    }
}
