package dev.gctyping.support;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Applies {@code --quiet}/{@code --verbose}: only when asked, so default runs never start logback early. */
public final class LogLevels {
    private LogLevels() {
    }

    public static void set(String level) {
        System.setProperty(StderrLogConfigurator.LEVEL_PROPERTY, level);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            StderrLogConfigurator.applyLevel(context, level);
        }
    }
}
