package dev.gctyping.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over random traces: each case's seed is in its name and the run is reproducible
 * with {@code -Dseed=N} (that seed becomes the first case). Invariants are checked for every
 * agent, and the whole payload stream is compared with a naive reference model of the rules.
 */
class TypingEnginePropertyTest {
    private static final int CASES = 300;

    static Stream<Long> seeds() {
        long base = Long.getLong("seed", 20261124L);
        SplittableRandom seeds = new SplittableRandom(base);
        return Stream.concat(Stream.of(base), LongStream.range(1, CASES).mapToObj(i -> seeds.nextLong()));
    }

    /** kind: 0 keystroke, 1 send, 2 blur, 3 a new expiry E from now on (the live prompt's :set), in {@code expiry}. */
    record Event(long at, int agent, int kind, long expiry) {}

    record Payload(int agent, Signal signal, long at) {}

    private static List<Event> randomTrace(SplittableRandom random, int agents) {
        List<Event> events = new ArrayList<>();
        long t = random.nextLong(0, 5_000);
        int n = random.nextInt(1, 400);
        for (int i = 0; i < n; i++) {
            // mostly short gaps, sometimes exact window/expiry multiples, sometimes long pauses
            t += switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> random.nextInt(3) * 500L;
                case 2 -> random.nextInt(2) == 0 ? 3000 : 2999;
                case 3 -> random.nextLong(3_000, 20_000);
                default -> random.nextLong(0, 400);
            };
            int kind = random.nextInt(100);
            if (kind == 0) {
                // a shorter or longer E while agents are typing: deadlines stop arriving in order
                events.add(new Event(t, 0, 3, random.nextLong(1, 6_000)));
            } else {
                events.add(new Event(t, random.nextInt(agents), kind < 85 ? 0 : kind < 95 ? 1 : 2, 0));
            }
        }
        return events;
    }

    private static EngineSettings randomSettings(SplittableRandom random) {
        return random.nextBoolean()
                ? EngineSettings.DEFAULTS
                : new EngineSettings(random.nextLong(1, 2_000), random.nextLong(1, 6_000));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineMatchesTheReferenceModelAndKeepsItsInvariants(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int agentCount = random.nextInt(1, 6);
        EngineSettings settings = randomSettings(random);
        List<Event> trace = randomTrace(random, agentCount);

        List<Payload> actual = new ArrayList<>();
        TypingEngine engine =
                new TypingEngine(settings, (agent, signal, at) -> actual.add(new Payload(agent.handle(), signal, at)));
        for (int i = 0; i < agentCount; i++) {
            engine.agent("conv-" + (i % 2), "agent-" + i);
        }
        for (Event e : trace) {
            switch (e.kind) {
                case 0 -> engine.keystroke(e.agent, e.at);
                case 1 -> engine.send(e.agent, e.at);
                case 2 -> engine.blur(e.agent, e.at);
                default -> engine.settings(engine.settings().withExpiry(e.expiry));
            }
        }
        engine.finish();

        List<Payload> expected = reference(trace, agentCount, settings);
        int diverges = 0;
        while (diverges < Math.min(actual.size(), expected.size())
                && actual.get(diverges).equals(expected.get(diverges))) {
            diverges++;
        }
        assertThat(actual)
                .as(
                        "payload stream vs reference model (%s; first difference at #%d, trace %s)",
                        settings, diverges, trace.size() > 60 ? trace.subList(0, 60) + "..." : trace)
                .isEqualTo(expected);
        checkInvariants(actual, engine, agentCount, settings);
    }

    private static void checkInvariants(
            List<Payload> payloads, TypingEngine engine, int agentCount, EngineSettings settings) {
        for (int i = 1; i < payloads.size(); i++) {
            assertThat(payloads.get(i).at)
                    .as("payload times never decrease")
                    .isGreaterThanOrEqualTo(payloads.get(i - 1).at);
        }
        for (int agent = 0; agent < agentCount; agent++) {
            AgentState s = engine.state(agent);
            boolean typing = false;
            long lastActive = Long.MIN_VALUE;
            long starts = 0;
            long actives = 0;
            long inactives = 0;
            for (Payload p : payloads) {
                if (p.agent != agent) {
                    continue;
                }
                if (p.signal == Signal.ACTIVE_START) {
                    assertThat(typing).as("a run starts only when idle").isFalse();
                    typing = true;
                    starts++;
                } else if (p.signal == Signal.ACTIVE_REFRESH) {
                    assertThat(typing).as("a refresh happens only while typing").isTrue();
                    assertThat(p.at - lastActive)
                            .as("refreshes are at least one window apart")
                            .isGreaterThanOrEqualTo(settings.dedupWindowMs());
                } else {
                    assertThat(typing).as("inactive closes an open run").isTrue();
                    typing = false;
                    inactives++;
                }
                if (p.signal.active()) {
                    actives++;
                    lastActive = p.at;
                }
            }
            assertThat(typing).as("every run is closed at the end").isFalse();
            assertThat(inactives).as("exactly one inactive per run").isEqualTo(starts);
            assertThat(actives).as("active count >= inactive count").isGreaterThanOrEqualTo(inactives);
            assertThat(s.suppressed() + s.activeSent())
                    .as("suppressed + active-triggering = total keystrokes")
                    .isEqualTo(s.keystrokes());
            assertThat(s.bursts()).isEqualTo(starts);
        }
    }

    /** The rules, written as plainly as possible: scan all agents for due deadlines before each event. */
    private static List<Payload> reference(List<Event> trace, int agentCount, EngineSettings settings) {
        List<Payload> out = new ArrayList<>();
        boolean[] typing = new boolean[agentCount];
        long[] lastActive = new long[agentCount];
        long[] deadline = new long[agentCount];
        long[] setAt = new long[agentCount];
        long sequence = 0;
        long expiry = settings.expiryMs();
        for (Event e : trace) {
            if (e.kind == 3) {
                expiry = e.expiry;
                continue;
            }
            fireDue(e.at, typing, deadline, setAt, out);
            int a = e.agent;
            if (e.kind == 0) {
                if (!typing[a]) {
                    typing[a] = true;
                    lastActive[a] = e.at;
                    out.add(new Payload(a, Signal.ACTIVE_START, e.at));
                } else if (e.at - lastActive[a] >= settings.dedupWindowMs()) {
                    lastActive[a] = e.at;
                    out.add(new Payload(a, Signal.ACTIVE_REFRESH, e.at));
                }
                deadline[a] = e.at + expiry;
                setAt[a] = sequence++;
            } else if (typing[a]) {
                typing[a] = false;
                out.add(new Payload(a, e.kind == 1 ? Signal.INACTIVE_SENT : Signal.INACTIVE_BLURRED, e.at));
            }
        }
        fireDue(Long.MAX_VALUE, typing, deadline, setAt, out);
        return out;
    }

    private static void fireDue(long now, boolean[] typing, long[] deadline, long[] setAt, List<Payload> out) {
        List<Integer> due = new ArrayList<>();
        for (int a = 0; a < typing.length; a++) {
            if (typing[a] && deadline[a] <= now) {
                due.add(a);
            }
        }
        due.sort(Comparator.<Integer>comparingLong(a -> deadline[a]).thenComparingLong(a -> setAt[a]));
        for (int a : due) {
            typing[a] = false;
            out.add(new Payload(a, Signal.INACTIVE_EXPIRED, deadline[a]));
        }
    }
}
