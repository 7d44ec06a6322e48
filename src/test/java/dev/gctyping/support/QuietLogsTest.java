package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A passing test prints no log lines (QuietLogs holds them back for a failure). */
class QuietLogsTest {
    @Test
    void aPassingTestsLogLinesDoNotReachStderr() {
        PrintStream real = System.err;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("dev.gctyping.simulator.Simulator")
                    .warn("simulator listening on http://127.0.0.1:1");
        } finally {
            System.setErr(real);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
