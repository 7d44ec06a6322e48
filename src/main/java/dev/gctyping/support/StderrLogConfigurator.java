package dev.gctyping.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import java.io.OutputStream;
import java.net.BindException;
import org.java_websocket.exceptions.InvalidDataException;
import org.slf4j.Logger;
import org.slf4j.Marker;

/**
 * Logback configured in code: logs go to stderr, never stdout (stdout carries NDJSON data only).
 * A programmatic configurator starts a few hundred milliseconds faster than {@code logback.xml};
 * {@code -Dlogback.configurationFile=...} still overrides it.
 */
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    /** System property: the process's log level (INFO when unset); {@code --quiet}/{@code --verbose} override it per run. */
    public static final String LEVEL_PROPERTY = "gctyping.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setEncoder(encoder);
        appender.setOutputStream(StatusLine.forLogs(new CurrentStderr()));
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        context.addTurboFilter(new PeerMistakes());
        applyLevel(context, LogLevels.current());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Sets our own level and keeps libraries at WARN (their frame dumps only with TRACE), so
     * {@code -v} shows our debug lines without Java-WebSocket's noise.
     */
    static void applyLevel(LoggerContext context, String levelName) {
        Level level = Level.toLevel(levelName, Level.INFO);
        Level libraries = level == Level.TRACE ? Level.TRACE : level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(libraries);
        // Java-WebSocket's TRACE dumps raw handshakes, Authorization: Bearer header included
        context.getLogger("org.java_websocket").setLevel(libraries == Level.TRACE ? Level.DEBUG : libraries);
        context.getLogger("dev.gctyping").setLevel(level);
    }

    /** Whatever {@code System.err} is at each write, as logback's console target does (tests capture it). */
    private static final class CurrentStderr extends OutputStream {
        @Override
        public void write(int b) {
            System.err.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.err.write(b, off, len);
        }

        @Override
        public void flush() {
            System.err.flush();
        }
    }

    /**
     * Java-WebSocket logs a peer's bad frame (too big, unmasked, not UTF-8…) at ERROR with a stack
     * trace; it is the peer's mistake, not ours, and the socket's owner reports it in one line (the
     * simulator: a WARN naming the client and the close code). So it does a port it cannot listen on,
     * which the simulator reports as one error naming the port.
     */
    static final class PeerMistakes extends TurboFilter {
        @Override
        public FilterReply decide(
                Marker marker,
                ch.qos.logback.classic.Logger logger,
                Level level,
                String format,
                Object[] params,
                Throwable t) {
            return (t instanceof InvalidDataException || t instanceof BindException)
                            && logger.getName().startsWith("org.java_websocket")
                    ? FilterReply.DENY
                    : FilterReply.NEUTRAL;
        }
    }
}
