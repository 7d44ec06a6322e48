package dev.gctyping.simulator;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version-4 UUIDs for what the simulator names (message ids, correlation ids): they must be unique,
 * not unguessable, so they come from a per-thread generator rather than {@link UUID#randomUUID()}'s
 * shared {@code SecureRandom}, which every pushed frame and every request used to take a lock on.
 */
final class Ids {
    private Ids() {}

    static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // the IETF variant
        return new UUID(high, low).toString();
    }
}
