package dev.gctyping.cli;

import dev.gctyping.support.LogLevels;
import picocli.CommandLine.Option;

/** {@code -v/--verbose} and {@code -q/--quiet}, mixed into every command. */
public final class LoggingOptions {
    @Option(
            names = {"-v", "--verbose"},
            description = "More log detail on stderr: -v debug, -vv trace (includes library internals).")
    void setVerbose(boolean[] verbosity) {
        LogLevels.set(verbosity.length > 1 ? "TRACE" : "DEBUG");
    }

    @Option(
            names = {"-q", "--quiet"},
            description = "Only errors on stderr (no progress, no info lines).")
    void setQuiet(boolean quiet) {
        if (quiet) {
            LogLevels.set("ERROR");
        }
        this.quiet = quiet;
    }

    private boolean quiet;

    public boolean quiet() {
        return quiet;
    }
}
