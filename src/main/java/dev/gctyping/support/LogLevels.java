package dev.gctyping.support;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --quiet}/{@code --verbose}: only when asked, so default runs never start logback
 * early. The choice lasts one command line: {@link #reset()} goes back to the process's level (the
 * {@value StderrLogConfigurator#LEVEL_PROPERTY} property, else INFO), so in-process runs, as in the
 * tests, never inherit each other's level.
 */
public final class LogLevels {
    private static volatile String chosen;

    private LogLevels() {}

    public static void set(String level) {
        chosen = level;
        apply(level);
    }

    /** Back to the process's level, before a new command line is parsed. */
    public static void reset() {
        if (chosen != null) {
            chosen = null;
            apply(current());
        }
    }

    /** The level in force: the command line's choice, else the process's. */
    static String current() {
        String level = chosen;
        return level != null ? level : System.getProperty(StderrLogConfigurator.LEVEL_PROPERTY, "INFO");
    }

    private static void apply(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            StderrLogConfigurator.applyLevel(context, level);
        }
    }
}
