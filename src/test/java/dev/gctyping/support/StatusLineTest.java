package dev.gctyping.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    @Test
    void aLogLineWipesTheStatusFirstSoTheTwoNeverShareALine() throws Exception {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintWriter err = new PrintWriter(terminal, true, StandardCharsets.UTF_8);
        OutputStream logs = StatusLine.forLogs(terminal);

        StatusLine.show(err, "replay: 10 events");
        logs.write("WARN waiting for 3 send(s)\n".getBytes(StandardCharsets.UTF_8));
        logs.write("WARN another line\n".getBytes(StandardCharsets.UTF_8));
        StatusLine.show(err, "replay: 20 events");
        StatusLine.end(err);
        logs.write("INFO after the replay\n".getBytes(StandardCharsets.UTF_8));

        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r\033[Kreplay: 10 events"
                        + "\r\033[KWARN waiting for 3 send(s)\n"
                        + "WARN another line\n"
                        + "\r\033[Kreplay: 20 events" + System.lineSeparator()
                        + "INFO after the replay\n");
    }
}
