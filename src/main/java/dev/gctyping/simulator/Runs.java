package dev.gctyping.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Conversations by run. A client that names a run ({@link Simulator#RUN_HEADER} on HTTP, the
 * {@link Simulator#RUN_PARAMETER} query parameter on a socket) gets a space of its own: the same
 * conversation ids in another run, or in the shared space of requests that name none, are other
 * conversations. So checks of one run against a long-running simulator see only that run.
 */
final class Runs {
    /** The shared space's key: requests that name no run. */
    private static final String SHARED = "";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String RULE = "1 to 64 letters, digits, '.', '_' or '-'";

    private final Map<String, Conversations> byRun = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Runs(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether {@code run} may name a run (null names the shared space). */
    static boolean valid(String run) {
        return run == null || VALID.matcher(run).matches();
    }

    /** The run's conversations, created on first use; null {@code run} is the shared space. */
    Conversations of(String run) {
        return byRun.computeIfAbsent(run == null ? SHARED : run, key -> new Conversations(clock));
    }

    /** The run's conversations, oldest first by id; empty for a run the simulator does not know (or forgot). */
    List<Conversation> conversations(String run) {
        Conversations space = byRun.get(run == null ? SHARED : run);
        return space == null ? List.of() : space.all();
    }

    /** The runs known (named by clients, not forgotten yet), sorted; the shared space is not one. */
    List<String> names() {
        return byRun.keySet().stream()
                .filter(run -> !run.equals(SHARED))
                .sorted()
                .toList();
    }

    /** Forgets one run (every run when {@code run} is null); returns the spaces forgotten. */
    List<Conversations> reset(String run) {
        if (run == null) {
            List<Conversations> all = List.copyOf(byRun.values());
            byRun.clear();
            return all;
        }
        Conversations removed = byRun.remove(run);
        return removed == null ? List.of() : List.of(removed);
    }

    /** Expires idle conversations in every run, then the runs left with none; returns {conversations, runs}. */
    long[] expire(long now, long idleMs, Set<Conversation> inUse) {
        long conversations = 0;
        long runs = 0;
        for (Map.Entry<String, Conversations> run : byRun.entrySet()) {
            conversations += run.getValue().expire(now, idleMs, inUse);
            boolean forgotten =
                    byRun.computeIfPresent(run.getKey(), (key, space) -> space.idle(now, idleMs) ? null : space)
                            == null;
            if (forgotten && !run.getKey().equals(SHARED)) {
                runs++;
            }
        }
        return new long[] {conversations, runs};
    }

    /**
     * A query parameter's decoded value, null when absent.
     *
     * @throws IllegalArgumentException when its percent-encoding is malformed
     */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
