package dev.gctyping.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps the raw UTF-8 bytes of (conversationId, agentId) to the engine's agent handle without
 * creating Strings on a hit: an open-addressing table over byte copies of the keys seen. Only a
 * pair's first appearance decodes Strings and asks the {@link AgentResolver}.
 */
final class AgentInterner {
    private final AgentResolver resolver;
    private int[] slots = new int[1024]; // entry index + 1; 0 = empty
    private int[] hashes = new int[512];
    private byte[][] keys = new byte[512][];
    private int[] conversationLengths = new int[512];
    private int[] handles = new int[512];
    private int size;

    AgentInterner(AgentResolver resolver) {
        this.resolver = resolver;
    }

    int resolve(byte[] conv, int convStart, int convLen, byte[] agent, int agentStart, int agentLen) {
        int hash = hash(conv, convStart, convLen) * 31 + hash(agent, agentStart, agentLen);
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return insert(i, hash, conv, convStart, convLen, agent, agentStart, agentLen);
            }
            int entry = slot - 1;
            byte[] key = keys[entry];
            if (hashes[entry] == hash && conversationLengths[entry] == convLen && key.length == convLen + agentLen
                    && Arrays.equals(key, 0, convLen, conv, convStart, convStart + convLen)
                    && Arrays.equals(key, convLen, key.length, agent, agentStart, agentStart + agentLen)) {
                return handles[entry];
            }
        }
    }

    private int insert(int slot, int hash, byte[] conv, int convStart, int convLen, byte[] agent, int agentStart, int agentLen) {
        int handle = resolver.agent(new String(conv, convStart, convLen, StandardCharsets.UTF_8),
                new String(agent, agentStart, agentLen, StandardCharsets.UTF_8));
        if (size == keys.length) {
            int grown = size * 2;
            hashes = Arrays.copyOf(hashes, grown);
            keys = Arrays.copyOf(keys, grown);
            conversationLengths = Arrays.copyOf(conversationLengths, grown);
            handles = Arrays.copyOf(handles, grown);
        }
        byte[] key = new byte[convLen + agentLen];
        System.arraycopy(conv, convStart, key, 0, convLen);
        System.arraycopy(agent, agentStart, key, convLen, agentLen);
        hashes[size] = hash;
        keys[size] = key;
        conversationLengths[size] = convLen;
        handles[size] = handle;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return handle;
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

    private static int hash(byte[] bytes, int start, int len) {
        int h = 1;
        for (int i = start, end = start + len; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
