package dev.gctyping.simulator;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalogue of faults the simulator can inject: each one's name, the value it takes and what it
 * does. The parser, {@code --help} of every command with {@code --fault}, the completion script and
 * the README's table all come from (or are checked against) this one list.
 */
public enum Fault {
    TOKEN_429("token-429", "N", "the first N token requests get 429"),
    API_429_RATE("api-429-rate", "P", "each Platform API request gets 429 with probability P (0..1)"),
    API_5XX_RATE("api-5xx-rate", "P", "each Platform API request gets a 5xx with probability P (0..1)"),
    LATENCY("latency", "DURATION", "added to every HTTP reply"),
    DROP_EVERY(
            "drop-every",
            "N|DURATION",
            "each socket is dropped (1006) after every N frames it sent, or every DURATION"),
    TOKEN_EXPIRE_AFTER("token-expire-after", "DURATION", "tokens die early: 401s mid-run");

    private final String key;
    private final String parameter;
    private final String help;

    Fault(String key, String parameter, String help) {
        this.key = key;
        this.parameter = parameter;
        this.help = help;
    }

    public String key() {
        return key;
    }

    public String parameter() {
        return parameter;
    }

    public String help() {
        return help;
    }

    /** {@code key=PARAMETER}, as a spec is written. */
    public String usage() {
        return key + "=" + parameter;
    }

    public static Optional<Fault> named(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(wanted)).findFirst();
    }

    /** One line: every fault's usage, for error messages. */
    public static String summary() {
        return Arrays.stream(values()).map(f -> f.usage() + " (" + f.help + ")").collect(Collectors.joining(", "));
    }

    /** The help section listing the faults, one per line. */
    public static String helpSection() {
        int width =
                Arrays.stream(values()).mapToInt(f -> f.usage().length()).max().orElse(0);
        return Arrays.stream(values())
                .map(f -> String.format("  %-" + width + "s  %s%n", f.usage(), f.help))
                .collect(Collectors.joining());
    }

    /** Completion candidates for {@code --fault}: {@code key=}. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(f -> f.key + "=").iterator();
        }
    }
}
