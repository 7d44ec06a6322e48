package dev.gctyping.simulator;

import dev.gctyping.protocol.SimulatorReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link FaultPlan} in action: its random draws (seeded, in request order) and the counts of what it did. */
final class Faults {
    final FaultPlan plan;
    private final SplittableRandom random;
    private final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong token429 = new AtomicLong();
    final AtomicLong api429 = new AtomicLong();
    final AtomicLong api5xx = new AtomicLong();
    final AtomicLong drops = new AtomicLong();
    final AtomicLong tokensExpiredEarly = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    /** Not faults, but counted with them: the real per-token limit's 429s and refused bearer tokens. */
    final AtomicLong rateLimited = new AtomicLong();

    final AtomicLong unauthorized = new AtomicLong();

    Faults(FaultPlan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
    }

    /** Whether this token request is one of the first N that the plan refuses with 429. */
    boolean refuseTokenRequest() {
        if (tokenRequests.incrementAndGet() <= plan.token429Count()) {
            token429.incrementAndGet();
            return true;
        }
        return false;
    }

    /** What to inject into one Platform API request: 0 for nothing, else 429 or 503. */
    int apiFault() {
        if (plan.api429Rate() == 0 && plan.api5xxRate() == 0) {
            return 0;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < plan.api429Rate()) {
            api429.incrementAndGet();
            return 429;
        }
        if (draw < plan.api429Rate() + plan.api5xxRate()) {
            api5xx.incrementAndGet();
            return 503;
        }
        return 0;
    }

    SimulatorReport.FaultCounts counts() {
        return new SimulatorReport.FaultCounts(
                token429.get(),
                api429.get(),
                rateLimited.get(),
                api5xx.get(),
                drops.get(),
                tokensExpiredEarly.get(),
                unauthorized.get());
    }

    /** Per fault of the plan, by its name, how often it struck: what a run's summary reports. */
    Map<String, Long> injected() {
        Map<String, Long> injected = new LinkedHashMap<>();
        for (Fault fault : plan.faults()) {
            long count = switch (fault) {
                case TOKEN_429 -> token429.get();
                case API_429_RATE -> api429.get();
                case API_5XX_RATE -> api5xx.get();
                case LATENCY -> delayed.get();
                case DROP_EVERY -> drops.get();
                case TOKEN_EXPIRE_AFTER -> tokensExpiredEarly.get();
            };
            injected.put(fault.key(), count);
        }
        return injected;
    }

    void delay() {
        if (plan.latencyMs() > 0) {
            delayed.incrementAndGet();
            try {
                Thread.sleep(plan.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
