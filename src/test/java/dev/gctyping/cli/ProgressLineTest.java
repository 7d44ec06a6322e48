package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.app.ProgressReporter;
import dev.gctyping.app.ReplayProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void aDryRunShowsItsShareOfTheInputEventsAndRate() {
        ReplayProgress progress = new ReplayProgress(() -> 250, 1_000);
        progress.accept(4_000);

        assertThat(ProgressLine.text(progress, 2.0)).isEqualTo("replay:  25% 4,000 events, 2,000 events/s");
    }

    @Test
    void standardInputHasNoShare() {
        ReplayProgress progress = new ReplayProgress(() -> 250, 0);
        progress.accept(10);

        assertThat(ProgressLine.text(progress, 1.0)).isEqualTo("replay: 10 events, 10 events/s");
    }

    @Test
    void theLineEndsWhereTheReplayEndedAtAHundredPercentAndStays() throws Exception {
        AtomicLong read = new AtomicLong();
        ReplayProgress progress = new ReplayProgress(read::get, 1_000);
        StringWriter shown = new StringWriter();
        PrintWriter err = new PrintWriter(shown);
        try (ProgressReporter.Showing line = ProgressLine.showing(err, progress)) {
            awaitDrawn(shown);
            read.set(1_000);
            progress.accept(5_000);
        }

        String all = shown.toString();
        String last = all.substring(all.lastIndexOf('\r') + 1);
        assertThat(last).startsWith("\033[Kreplay: 100% 5,000 events").endsWith(System.lineSeparator());
    }

    @Test
    void closedAfterCtrlCTheLineStillEndsWhereTheReplayStoppedAndTheInterruptIsKept() throws Exception {
        ReplayProgress progress = new ReplayProgress(() -> 500, 1_000);
        StringWriter shown = new StringWriter();
        PrintWriter err = new PrintWriter(shown);
        ProgressReporter.Showing line = ProgressLine.showing(err, progress);
        awaitDrawn(shown);
        progress.accept(2_000);
        Thread.currentThread().interrupt(); // as the Ctrl-C hook leaves the replay's thread
        try {
            line.close();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }

        String all = shown.toString();
        assertThat(all.substring(all.lastIndexOf('\r') + 1))
                .as("a later log line must not wipe it: the status is ended")
                .startsWith("\033[Kreplay:  50% 2,000 events")
                .endsWith(System.lineSeparator());
    }

    /** Waits for the drawing thread's first line: its state, not a moment. */
    private static void awaitDrawn(StringWriter shown) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!shown.toString().contains("replay:")) {
            assertThat(System.nanoTime()).as("a progress line within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
