package dev.gctyping.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Options given on the command line that would do nothing in the mode chosen: a usage error naming
 * both (or, where the option is merely idle, a warning on stderr), never ignored in silence.
 */
final class IgnoredOptions {
    private final CommandSpec spec;
    private final ParseResult parsed;

    private IgnoredOptions(CommandSpec spec) {
        this.spec = spec;
        this.parsed = spec.commandLine().getParseResult();
    }

    static IgnoredOptions of(CommandSpec spec) {
        return new IgnoredOptions(spec);
    }

    /** Whether the user typed the option (a default value does not count). */
    boolean given(String option) {
        return parsed.hasMatchedOption(option);
    }

    /**
     * When {@code mode} holds (named {@code modeName}), any of {@code options} given is a usage error:
     * {@code --speed does nothing with --dry-run (why): drop one of them}.
     */
    IgnoredOptions reject(boolean mode, String modeName, String why, String... options) {
        if (mode) {
            List<String> idle = given(options);
            if (!idle.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        String.join(", ", idle) + (idle.size() == 1 ? " does" : " do") + " nothing with " + modeName
                                + " (" + why + "): drop one of them");
            }
        }
        return this;
    }

    /** When {@code mode} holds, warns on stderr about each of {@code options} given: it runs, but they change nothing. */
    IgnoredOptions warn(boolean mode, String modeName, String why, String... options) {
        if (mode) {
            List<String> idle = given(options);
            if (!idle.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("gctyping: warning: " + String.join(", ", idle)
                        + (idle.size() == 1 ? " changes" : " change") + " nothing " + modeName + " (" + why + ")");
                err.flush();
            }
        }
        return this;
    }

    private List<String> given(String... options) {
        return List.of(options).stream().filter(this::given).toList();
    }
}
