package dev.gctyping.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The conversations of one run (or of the shared space): a conversation exists from its first use and
 * is forgotten once nothing used it for the idle expiry and no socket holds it.
 */
final class Conversations {
    /** A conversation and when it was last used (wall clock). */
    private static final class Entry {
        final Conversation conversation;
        long lastUsedMs;

        Entry(Conversation conversation) {
            this.conversation = conversation;
        }
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    /** When this space was last asked for a conversation (or created), so a new, still empty run is kept. */
    private volatile long lastUsedMs;

    Conversations(LongSupplier clock) {
        this.clock = clock;
        this.lastUsedMs = clock.getAsLong();
    }

    Conversation get(String conversationId) {
        // compute, not computeIfAbsent: the touch and an expiry of the same id must not interleave
        return byId.compute(conversationId, (id, entry) -> {
                    long now = clock.getAsLong();
                    Entry used = entry == null ? new Entry(new Conversation(id, now)) : entry;
                    used.lastUsedMs = now;
                    lastUsedMs = now;
                    return used;
                })
                .conversation;
    }

    /** Restarts the idle time of a conversation a socket held until now. */
    void touch(Conversation conversation) {
        byId.computeIfPresent(conversation.id, (id, entry) -> {
            if (entry.conversation == conversation) {
                entry.lastUsedMs = clock.getAsLong();
            }
            return entry;
        });
    }

    /** Forgets the conversations unused since {@code now - idleMs} that no socket holds; returns how many. */
    int expire(long now, long idleMs, Set<Conversation> inUse) {
        int expired = 0;
        for (String id : byId.keySet()) {
            boolean[] removed = {false};
            byId.computeIfPresent(id, (key, entry) -> {
                removed[0] = now - entry.lastUsedMs >= idleMs && !inUse.contains(entry.conversation);
                return removed[0] ? null : entry;
            });
            if (removed[0]) {
                expired++;
            }
        }
        return expired;
    }

    /** Empty, and not used since {@code now - idleMs}. */
    boolean idle(long now, long idleMs) {
        return byId.isEmpty() && now - lastUsedMs >= idleMs;
    }

    int size() {
        return byId.size();
    }

    /** All conversations, by id. */
    List<Conversation> all() {
        List<Conversation> all = new ArrayList<>();
        byId.values().forEach(entry -> all.add(entry.conversation));
        all.sort(Comparator.comparing(c -> c.id));
        return all;
    }
}
