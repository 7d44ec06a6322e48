package dev.gctyping.simulator;

import dev.gctyping.support.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which faults the simulator injects, parsed from specs such as {@code token-429=3}. A plan is an
 * immutable value; the simulator draws its random faults from a {@link java.util.SplittableRandom}
 * seeded with {@link #seed()}, so the same plan, seed and request order give the same faults.
 */
public final class FaultPlan {
    public static final FaultPlan NONE = new FaultPlan(List.of(), Set.of(), 0, 0, 0, 0, 0, 0, 0, 0);

    private final List<String> specs;
    private final Set<Fault> faults;
    private final long seed;
    private final int token429Count;
    private final double api429Rate;
    private final double api5xxRate;
    private final long latencyMs;
    private final int dropEveryMessages;
    private final long dropEveryMs;
    private final long tokenExpireAfterMs;

    private FaultPlan(
            List<String> specs,
            Set<Fault> faults,
            long seed,
            int token429Count,
            double api429Rate,
            double api5xxRate,
            long latencyMs,
            int dropEveryMessages,
            long dropEveryMs,
            long tokenExpireAfterMs) {
        this.specs = specs;
        this.faults = faults;
        this.seed = seed;
        this.token429Count = token429Count;
        this.api429Rate = api429Rate;
        this.api5xxRate = api5xxRate;
        this.latencyMs = latencyMs;
        this.dropEveryMessages = dropEveryMessages;
        this.dropEveryMs = dropEveryMs;
        this.tokenExpireAfterMs = tokenExpireAfterMs;
    }

    /**
     * Parses specs like {@code "token-429=3"}, {@code "api-5xx-rate=0.05"}, {@code "drop-every=50"},
     * {@code "drop-every=10s"}; a later spec for the same key wins.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming the valid keys
     */
    public static FaultPlan parse(List<String> specs, long seed) {
        int token429 = 0;
        double api429 = 0;
        double api5xx = 0;
        long latency = 0;
        int dropMessages = 0;
        long dropMs = 0;
        long expireAfter = 0;
        Set<Fault> faults = EnumSet.noneOf(Fault.class);
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw bad(spec, "expected KEY=VALUE");
            }
            String key = spec.substring(0, eq);
            String value = spec.substring(eq + 1).trim();
            Fault fault = Fault.named(key).orElseThrow(() -> bad(spec, "unknown fault '" + key.trim() + "'"));
            faults.add(fault);
            switch (fault) {
                case TOKEN_429 -> token429 = count(spec, value);
                case API_429_RATE -> api429 = rate(spec, value);
                case API_5XX_RATE -> api5xx = rate(spec, value);
                case LATENCY -> latency = millis(spec, value);
                case DROP_EVERY -> {
                    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                        dropMessages = count(spec, value);
                        dropMs = 0;
                    } else {
                        dropMs = millis(spec, value);
                        dropMessages = 0;
                    }
                }
                case TOKEN_EXPIRE_AFTER -> expireAfter = millis(spec, value);
            }
        }
        return new FaultPlan(
                Collections.unmodifiableList(new ArrayList<>(specs)),
                Collections.unmodifiableSet(faults),
                seed,
                token429,
                api429,
                api5xx,
                latency,
                dropMessages,
                dropMs,
                expireAfter);
    }

    private static int count(String spec, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, "'" + value + "' is not a positive whole number");
    }

    private static double rate(String spec, String value) {
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(spec, "'" + value + "' is not a rate between 0 and 1");
    }

    private static long millis(String spec, String value) {
        try {
            return Durations.parseMillis(value);
        } catch (RuntimeException e) {
            throw bad(spec, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String spec, String reason) {
        return new IllegalArgumentException(
                "bad fault '" + spec + "': " + reason + "; valid faults: " + Fault.summary());
    }

    public List<String> specs() {
        return specs;
    }

    /** The faults the specs name, in catalogue order. */
    public Set<Fault> faults() {
        return faults;
    }

    public long seed() {
        return seed;
    }

    public int token429Count() {
        return token429Count;
    }

    public double api429Rate() {
        return api429Rate;
    }

    public double api5xxRate() {
        return api5xxRate;
    }

    public long latencyMs() {
        return latencyMs;
    }

    /** 0 when sockets are not dropped by message count. */
    public int dropEveryMessages() {
        return dropEveryMessages;
    }

    /** 0 when sockets are not dropped on a timer. */
    public long dropEveryMs() {
        return dropEveryMs;
    }

    /** 0 when tokens live their full {@code expires_in}. */
    public long tokenExpireAfterMs() {
        return tokenExpireAfterMs;
    }

    @Override
    public String toString() {
        return specs.isEmpty() ? "none" : String.join(",", specs) + " (seed " + seed + ")";
    }
}
