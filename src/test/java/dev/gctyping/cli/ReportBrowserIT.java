package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.app.Environment;
import dev.gctyping.browser.HeadlessChromium;
import dev.gctyping.support.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import picocli.CommandLine;

/**
 * The HTML reports, opened from disk in a real (headless) browser: what is rendered must match what
 * the replay printed. The reports and screenshots stay in target/browser/ for a reviewer.
 */
class ReportBrowserIT {
    private static HeadlessChromium chromium;

    @TempDir
    static Path home;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Runs a command with an empty home and environment, so only the embedded simulator can be the target. */
    private static CliRun run(String... args) {
        CommandLine cli = GcTypingCommand.commandLine(
                new Environment(home, Map.of(), InputStream.nullInputStream(), Clock.systemUTC()));
        CliRun run = CliRun.run(cli, args);
        assertThat(run.exitCode()).as(run.toString()).isIn(ExitCodes.OK, ExitCodes.ASSERTION_FAILED);
        return run;
    }

    private static void open(Path report) {
        chromium.driver().get(report.toAbsolutePath().toUri().toString());
        chromium.waitFor(d -> "true".equals(chromium.script("return document.body.dataset.ready")));
    }

    @Test
    void aReplayReportShowsEachAgentsTimelineWithItsStaleAndBlindStretches() {
        Path report = HeadlessChromium.SCREENSHOTS.resolve("replay-report.html");
        // seed, refreshing only every 10 s: the guest's 5 s display lapses mid-burst (blind); the Off 3 s after the
        // last key outlasts the 2 s pause (stale)
        CliRun run = run(
                "replay",
                "--speed",
                "max",
                "--quiet",
                "--dialect",
                "seed",
                "--dedup-window",
                "10s",
                "--expiry",
                "3s",
                "--report",
                report.toString(),
                "--threshold",
                "payloadsLost==0",
                "--threshold",
                "conversation.blindTypingMs<1",
                "samples/transfer.ndjson");
        Map<String, JsonNode> printed = new HashMap<>();
        for (String line : run.outLines()) {
            JsonNode record = Json.parse(line);
            if (record.path("event").asText().equals("agent_typing_engagement")) {
                printed.put(record.path("agentId").asText(), record.path("metrics"));
            }
        }
        assertThat(printed).hasSize(2);
        open(report);

        assertThat(chromium.driver().findElement(By.id("verdict")).getText()).isEqualTo("FAIL");
        assertThat(chromium.driver().findElement(By.id("verdict-text")).getText())
                .startsWith("FAIL: threshold conversation.blindTypingMs<1");
        assertThat(chromium.driver().findElements(By.cssSelector("#thresholds tr.threshold.failed")))
                .hasSize(1);
        List<WebElement> timelines = chromium.driver().findElements(By.cssSelector(".timeline"));
        assertThat(timelines)
                .extracting(t -> t.getAttribute("data-agent"))
                .containsExactlyInAnyOrderElementsOf(printed.keySet());
        long staleAgents = 0;
        long blindAgents = 0;
        for (WebElement timeline : timelines) {
            JsonNode metrics = printed.get(timeline.getAttribute("data-agent"));
            long stale = metrics.path("staleTypingMs").asLong();
            long blind = metrics.path("blindTypingMs").asLong();
            assertThat(timeline.findElement(By.cssSelector(".head")).getText())
                    .contains(String.format("stale %,d ms · blind %,d ms · guest view observed", stale, blind));
            assertThat(timeline.findElements(By.cssSelector("rect.stale")).isEmpty())
                    .isEqualTo(stale == 0);
            assertThat(timeline.findElements(By.cssSelector("rect.blind")).isEmpty())
                    .isEqualTo(blind == 0);
            assertThat(timeline.findElements(By.cssSelector("path.marks-k"))).hasSize(1);
            assertThat(timeline.findElements(By.cssSelector("rect.composing"))).isNotEmpty();
            assertThat(timeline.findElements(By.cssSelector("rect.guest-saw"))).isNotEmpty();
            staleAgents += stale > 0 ? 1 : 0;
            blindAgents += blind > 0 ? 1 : 0;
        }
        assertThat(staleAgents)
                .as("the sample has stale stretches at these settings")
                .isPositive();
        assertThat(blindAgents)
                .as("the sample has blind stretches at these settings")
                .isPositive();
        assertThat((Number) chromium.script("return performance.getEntriesByType('resource').length"))
                .as("nothing was fetched")
                .isEqualTo(0L);

        // hover on a stale stretch: its exact times
        WebElement stale = chromium.driver().findElement(By.cssSelector("rect.stale"));
        new Actions(chromium.driver()).moveToElement(stale).perform();
        WebElement tip = chromium.driver().findElement(By.id("tip"));
        chromium.waitFor(d -> tip.isDisplayed());
        assertThat(tip.getText()).contains("stale from +");
        chromium.fitHeight(1400);
        chromium.screenshot("replay-report");
    }

    @Test
    void aTuneReportShowsTheGridWithTheRecommendedPoint() {
        Path report = HeadlessChromium.SCREENSHOTS.resolve("tune-report.html");
        CliRun run = CliRun.run(
                "tune",
                "--quiet",
                "--steps",
                "3",
                "--budget",
                "600",
                "--report",
                report.toString(),
                "samples/concurrent-50.ndjson");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = Json.parse(run.outLines().get(run.outLines().size() - 1));
        open(report);

        List<WebElement> cells = chromium.driver().findElements(By.cssSelector("#heatmap td.cell"));
        assertThat(cells).hasSize(9);
        WebElement recommended = chromium.driver().findElement(By.cssSelector("#heatmap td.recommended"));
        assertThat(recommended.getAttribute("data-dedup"))
                .isEqualTo(summary.path("dedupWindowMs").asText());
        assertThat(recommended.getAttribute("data-expiry"))
                .isEqualTo(summary.path("expiryMs").asText());
        assertThat(recommended.getAttribute("class")).contains("fits");
        assertThat(chromium.driver().findElement(By.id("verdict")).getText()).isEqualTo("PASS");
        assertThat(chromium.driver().findElement(By.id("count")).getText()).startsWith("(50 of 50");
        assertThat(chromium.driver().findElements(By.cssSelector(".timeline")))
                .as("one page of timelines")
                .hasSize(25);
        chromium.driver().findElement(By.id("next")).click();
        chromium.waitFor(
                d -> chromium.driver().findElement(By.id("page")).getText().equals("page 2 of 2"));
        assertThat(chromium.driver().findElements(By.cssSelector(".timeline"))).hasSize(25);
        chromium.driver().findElement(By.id("prev")).click();
        chromium.waitFor(
                d -> chromium.driver().findElement(By.id("page")).getText().equals("page 1 of 2"));
        chromium.driver().manage().window().setSize(new Dimension(1400, 1400));
        chromium.screenshot("tune-report");
    }
}
