package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps the raw UTF-8 bytes of (conversationId, agentId) to a dense key, in order of first
 * appearance, without creating Strings on a hit: an open-addressing table over byte copies of the
 * keys seen. Only a pair's first appearance decodes Strings. Each key is turned into the engine's
 * agent handle by the {@link AgentResolver}: at once, or (once {@link #deferResolution()} was
 * called) later, on the thread that owns the engine (see {@link PrefetchingTrace}).
 */
final class AgentInterner {
    /** The handle of a key whose resolution is deferred. */
    static final int UNRESOLVED = -1;

    private final AgentResolver resolver;
    private boolean deferred;
    private int[] slots = new int[1024]; // entry index + 1; 0 = empty
    private int[] hashes = new int[512];
    private byte[][] keys = new byte[512][];
    private int[] conversationLengths = new int[512];
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
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return insert(i, hash, conv, convStart, convLen, agent, agentStart, agentLen);
            }
            int entry = slot - 1;
            byte[] key = keys[entry];
            if (hashes[entry] == hash
                    && conversationLengths[entry] == convLen
                    && key.length == convLen + agentLen
                    && ByteScan.equal(key, 0, conv, convStart, convLen)
                    && ByteScan.equal(key, convLen, agent, agentStart, agentLen)) {
                return entry;
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
            int slot, int hash, byte[] conv, int convStart, int convLen, byte[] agent, int agentStart, int agentLen) {
        String conversationId = new String(conv, convStart, convLen, StandardCharsets.UTF_8);
        String agentId = new String(agent, agentStart, agentLen, StandardCharsets.UTF_8);
        if (size == keys.length) {
            int grown = size * 2;
            hashes = Arrays.copyOf(hashes, grown);
            keys = Arrays.copyOf(keys, grown);
            conversationLengths = Arrays.copyOf(conversationLengths, grown);
            conversationIds = Arrays.copyOf(conversationIds, grown);
            agentIds = Arrays.copyOf(agentIds, grown);
            handles = Arrays.copyOf(handles, grown);
        }
        byte[] key = new byte[convLen + agentLen];
        System.arraycopy(conv, convStart, key, 0, convLen);
        System.arraycopy(agent, agentStart, key, convLen, agentLen);
        int entry = size;
        hashes[entry] = hash;
        keys[entry] = key;
        conversationLengths[entry] = convLen;
        conversationIds[entry] = conversationId;
        agentIds[entry] = agentId;
        handles[entry] = deferred ? UNRESOLVED : resolver.agent(conversationId, agentId);
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return entry;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int i = mix(hashes[entry]) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = entry + 1;
        }
        slots = grown;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
