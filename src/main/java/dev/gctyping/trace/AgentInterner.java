package dev.gctyping.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps the raw UTF-8 bytes of (conversationId, agentId) to a dense key, in order of first
 * appearance, without creating Strings on a hit: an open-addressing table over byte copies of the
 * keys seen. Only a pair's first appearance decodes Strings. Each key is turned into the engine's
 * agent handle by the {@link AgentResolver}: at once, or (once {@link #deferResolution()} was
 * called) later, on the thread that owns the engine (see {@link PrefetchingTrace}).
 *
 * <p>Laid out for 100 000 keys, whose table and bytes no cache holds: a lookup reads one slot
 * (the pair's hash and where its bytes are) and one record (its key, lengths and bytes, side by
 * side), rather than a slot, then a hash, a length and a byte array apart.
 */
final class AgentInterner {
    /** The handle of a key whose resolution is deferred. */
    static final int UNRESOLVED = -1;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW = 0xFFFF_FFFFL;
    /** A record: the key, the conversation id's length and the agent id's, then both ids' bytes. */
    private static final int KEY = 0;

    private static final int CONVERSATION_LENGTH = 4;
    private static final int AGENT_LENGTH = 8;
    private static final int BYTES = 12;

    private final AgentResolver resolver;
    private boolean deferred;
    /** The pair's hash in the high half, its record's offset + 1 in the low half; 0 = empty. */
    private long[] slots = new long[1024];
    /** The records, one after another. */
    private byte[] records = new byte[16 * 1024];

    private int recordsEnd;
    private String[] conversationIds = new String[512];
    private String[] agentIds = new String[512];
    private int[] handles = new int[512];
    private int size;

    AgentInterner(AgentResolver resolver) {
        this.resolver = resolver;
    }

    AgentResolver resolver() {
        return resolver;
    }

    /** From now on new keys are not resolved here: their handle stays {@link #UNRESOLVED}. */
    void deferResolution() {
        deferred = true;
    }

    int intern(String conversationId, String agentId) {
        byte[] conv = conversationId.getBytes(StandardCharsets.UTF_8);
        byte[] agent = agentId.getBytes(StandardCharsets.UTF_8);
        return intern(conv, 0, conv.length, agent, 0, agent.length);
    }

    /** The dense key (0, 1, 2… in order of first appearance) of the pair. */
    int intern(byte[] conv, int convStart, int convLen, byte[] agent, int agentStart, int agentLen) {
        return intern(
                conv,
                convStart,
                convLen,
                ByteScan.hash(conv, convStart, convLen),
                agent,
                agentStart,
                agentLen,
                ByteScan.hash(agent, agentStart, agentLen));
    }

    /** The same, with each id's {@link ByteScan#hash} already known (a scan computes it on the way). */
    int intern(
            byte[] conv,
            int convStart,
            int convLen,
            int convHash,
            byte[] agent,
            int agentStart,
            int agentLen,
            int agentHash) {
        int hash = convHash * 31 + agentHash;
        long tag = (long) hash << 32;
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return insert(i, tag, conv, convStart, convLen, agent, agentStart, agentLen);
            }
            int record = (int) (slot & LOW) - 1;
            if ((slot & ~LOW) == tag
                    && (int) INTS.get(records, record + CONVERSATION_LENGTH) == convLen
                    && (int) INTS.get(records, record + AGENT_LENGTH) == agentLen
                    && ByteScan.equal(records, record + BYTES, conv, convStart, convLen)
                    && ByteScan.equal(records, record + BYTES + convLen, agent, agentStart, agentLen)) {
                return (int) INTS.get(records, record + KEY);
            }
        }
    }

    /** The engine's handle for a key, or {@link #UNRESOLVED} if it appeared after {@link #deferResolution()}. */
    int handle(int key) {
        return handles[key];
    }

    /** How many keys there are; the next new key gets this number. */
    int size() {
        return size;
    }

    String conversationId(int key) {
        return conversationIds[key];
    }

    String agentId(int key) {
        return agentIds[key];
    }

    private int insert(
            int slot, long tag, byte[] conv, int convStart, int convLen, byte[] agent, int agentStart, int agentLen) {
        String conversationId = new String(conv, convStart, convLen, StandardCharsets.UTF_8);
        String agentId = new String(agent, agentStart, agentLen, StandardCharsets.UTF_8);
        if (size == conversationIds.length) {
            int grown = size * 2;
            conversationIds = Arrays.copyOf(conversationIds, grown);
            agentIds = Arrays.copyOf(agentIds, grown);
            handles = Arrays.copyOf(handles, grown);
        }
        int record = recordsEnd;
        int end = Math.addExact(record, BYTES + convLen + agentLen);
        if (end >= records.length) { // >=: an offset + 1 must fit in an int
            records = Arrays.copyOf(records, Math.max(end + 1, (int)
                    Math.min(Integer.MAX_VALUE - 8, 2L * records.length)));
        }
        int key = size;
        INTS.set(records, record + KEY, key);
        INTS.set(records, record + CONVERSATION_LENGTH, convLen);
        INTS.set(records, record + AGENT_LENGTH, agentLen);
        System.arraycopy(conv, convStart, records, record + BYTES, convLen);
        System.arraycopy(agent, agentStart, records, record + BYTES + convLen, agentLen);
        recordsEnd = end;
        conversationIds[key] = conversationId;
        agentIds[key] = agentId;
        handles[key] = deferred ? UNRESOLVED : resolver.agent(conversationId, agentId);
        slots[slot] = tag | (record + 1);
        if (++size * 2 > slots.length) {
            rehash();
        }
        return key;
    }

    private void rehash() {
        long[] grown = new long[slots.length * 2];
        int mask = grown.length - 1;
        for (long slot : slots) {
            if (slot != 0) {
                int i = mix((int) (slot >>> 32)) & mask;
                while (grown[i] != 0) {
                    i = (i + 1) & mask;
                }
                grown[i] = slot;
            }
        }
        slots = grown;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
