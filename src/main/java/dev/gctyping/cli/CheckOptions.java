package dev.gctyping.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a CI check needs: simulator faults to survive and a JUnit report to show. Shared by replay and smoke. */
public final class CheckOptions {
    @Option(names = "--fault", paramLabel = "SPEC", description = "A fault for the embedded simulator (repeatable), e.g. "
            + "drop-every=50, api-429-rate=0.2, api-5xx-rate=0.1, token-expire-after=5s, token-429=2, latency=20ms.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulator's faults. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report: one test case per conversation.")
    Path junit;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "Fail (exit 1) unless FIGURE OP NUMBER holds (repeatable), "
            + "over the summary (payloadsLost==0, latencyMsP99<50, blindTypingShare<0.1) or every conversation "
            + "(conversation.staleTypingMs<2000); OP is ==, !=, <, <=, > or >=. Results are threshold records and JUnit test "
            + "cases; stderr ends with PASS or FAIL.")
    List<String> thresholds = new ArrayList<>();

    /** These options as command-line arguments, to hand them on to another command. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        faults.forEach(fault -> args.addAll(List.of("--fault", fault)));
        args.addAll(List.of("--seed", Long.toString(seed)));
        thresholds.forEach(threshold -> args.addAll(List.of("--threshold", threshold)));
        if (junit != null) {
            args.addAll(List.of("--junit", junit.toString()));
        }
        return args;
    }
}
