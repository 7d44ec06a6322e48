package dev.gctyping.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event at TRACE while open, so a test can prove what was never logged. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Logger ours;
    private final Level rootLevel;
    private final Level ourLevel;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ours = context.getLogger("dev.gctyping");
        rootLevel = root.getLevel();
        ourLevel = ours.getLevel();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        ours.setLevel(Level.TRACE);
    }

    /** Every captured message with its arguments filled in (and any exception text). */
    public List<String> messages() {
        return appender.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : " " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        ours.setLevel(ourLevel);
        appender.stop();
    }
}
