package dev.gctyping.cli;

import dev.gctyping.simulator.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a CI check needs: simulator faults to survive and a JUnit report to show. Shared by replay and smoke. */
public final class CheckOptions {
    @Option(
            names = "--fault",
            paramLabel = "SPEC",
            completionCandidates = Fault.Candidates.class,
            description = "A fault for the embedded simulator (repeatable): KEY=VALUE, see Faults below.")
    List<String> faults = new ArrayList<>();

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the simulator's faults. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Write a JUnit XML report: one test case per conversation.")
    Path junit;

    @Option(
            names = "--threshold",
            paramLabel = "EXPR",
            description = "Fail (exit 1) unless FIGURE OP NUMBER holds (repeatable), "
                    + "over the summary (payloadsLost==0, latencyMsP99<50, blindTypingShare<0.1) or every conversation "
                    + "(conversation.staleTypingMs<2000); OP is ==, !=, <, <=, > or >=. Results are threshold records and JUnit test "
                    + "cases; stderr ends with PASS or FAIL.")
    List<String> thresholds = new ArrayList<>();
}
