package dev.gctyping.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Every conversation the simulator has seen; a conversation exists from its first use. */
final class Conversations {
    private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Conversations(LongSupplier clock) {
        this.clock = clock;
    }

    Conversation get(String conversationId) {
        return byId.computeIfAbsent(conversationId, id -> new Conversation(id, clock.getAsLong()));
    }

    /** All conversations, by id. */
    List<Conversation> all() {
        List<Conversation> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(c -> c.id));
        return all;
    }
}
