package dev.gctyping.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Tests are quiet unless they fail: the log lines that would go to stderr are held back, and printed
 * (as they would have been) only when the test, or its class's set-up, fails. Registered for every
 * test through the service loader (src/test/resources/junit-platform.properties turns that on).
 */
public final class QuietLogs implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final int KEPT = 20_000;
    private static Held held;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        release(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        release(context);
    }

    /** Replaces the stderr appender (see StderrLogConfigurator) by one that holds the lines back; once per JVM. */
    private static synchronized void install() {
        if (held != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return;
        }
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> stderr = root.getAppender("stderr");
        if (!(stderr instanceof OutputStreamAppender<ILoggingEvent> console)) {
            return; // configured otherwise (-Dlogback.configurationFile): leave it alone
        }
        held = new Held(console.getEncoder());
        held.setContext(logback);
        held.setName("held-for-failures");
        held.start();
        root.addAppender(held);
        root.detachAppender(stderr);
    }

    private static void release(ExtensionContext context) {
        Held current;
        synchronized (QuietLogs.class) {
            current = held;
        }
        if (current == null) {
            return;
        }
        List<ILoggingEvent> lines = current.drain();
        if (context.getExecutionException().isPresent() && !lines.isEmpty()) {
            PrintStream err = System.err;
            err.println("---- log of the failed " + context.getDisplayName() + " ----");
            for (ILoggingEvent line : lines) {
                byte[] encoded = current.encoder.encode(line);
                err.write(encoded, 0, encoded.length);
            }
            err.flush();
        }
    }

    /** The last {@link #KEPT} events since the last test ended. */
    private static final class Held extends AppenderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> encoder;
        private final ArrayDeque<ILoggingEvent> events = new ArrayDeque<>();

        Held(Encoder<ILoggingEvent> encoder) {
            this.encoder = encoder;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // its message and thread name as they were now
            if (events.size() == KEPT) {
                events.removeFirst();
            }
            events.addLast(event);
        }

        synchronized List<ILoggingEvent> drain() {
            List<ILoggingEvent> drained = List.copyOf(events);
            events.clear();
            return drained;
        }
    }
}
