package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The live guest page in a real (headless) browser: it joins a conversation on the Guest API from
 * the browser, and agent typing posted through the Platform API must show as the typing bubble,
 * then end by its duration or by the agent's message.
 */
class GuestPageBrowserIT {
    private static final String CONVERSATION = "conv-guest-page";

    private HeadlessChromium chromium;
    private Simulator simulator;
    private SimHttp http;
    private String token;
    private String communicationId;

    @BeforeEach
    void start() throws IOException {
        chromium = HeadlessChromium.start();
        simulator = Simulator.start(SimulatorConfig.defaults());
        http = new SimHttp(simulator.httpUri());
        token = http.token();
        for (JsonNode participant : SimHttp.json(http.get("/api/v2/conversations/" + CONVERSATION, token))
                .get("participants")) {
            if (participant.get("purpose").asText().equals("agent")) {
                communicationId = participant.get("messages").get(0).get("id").asText();
            }
        }
        chromium.driver().get(simulator.guestPageUri() + "?conversation=" + CONVERSATION);
        chromium.waitFor(d -> String.valueOf(chromium.script("return document.body.dataset.status"))
                .startsWith("connected as a guest"));
        // the page records, on the browser's clock, when the bubble turns on and off
        chromium.script("""
                window.bubble = [];
                let last = 'off';
                new MutationObserver(() => {
                    const state = document.getElementById('typing').dataset.state;
                    if (state !== last) { bubble.push([state, Date.now()]); last = state; }
                }).observe(document.getElementById('typing'), {attributes: true, attributeFilter: ['data-state']});
                """);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    private void typing(long durationMs) {
        assertThat(http.postJson(
                                SimHttp.typingPath(CONVERSATION, communicationId),
                                token,
                                "{\"typing\":{\"type\":\"On\",\"duration\":" + durationMs + "}}")
                        .statusCode())
                .isEqualTo(202);
    }

    private void message(String text) {
        assertThat(http.postJson(
                                SimHttp.messagesPath(CONVERSATION, communicationId),
                                token,
                                "{\"textBody\":\"" + text + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    /** The bubble's state changes so far: [state, browser time] pairs. */
    @SuppressWarnings("unchecked")
    private List<List<Object>> changes() {
        return (List<List<Object>>) chromium.script("return window.bubble");
    }

    private String bubble() {
        return chromium.driver().findElement(By.id("typing")).getAttribute("data-state");
    }

    @Test
    void theTypingBubbleShowsForTheDurationOfAnOn() throws IOException {
        long requested = System.currentTimeMillis();
        typing(1_500);
        chromium.waitFor(d -> "on".equals(bubble()));
        assertThat(chromium.driver().findElement(By.id("typing")).isDisplayed()).isTrue();
        chromium.waitFor(d -> "off".equals(bubble()));
        List<List<Object>> changes = changes();
        assertThat(changes).extracting(c -> c.get(0)).containsExactly("on", "off");
        long on = ((Number) changes.get(0).get(1)).longValue();
        long off = ((Number) changes.get(1).get(1)).longValue();
        // the page times the On with its timer (monotonic) and stamps changes with Date.now() (wall clock, whole
        // milliseconds): the two can disagree by a millisecond of rounding, never more
        assertThat(off - on).as("shown for the On's duration").isGreaterThanOrEqualTo(1_500 - 1);
        // how long from the request to the bubble (same machine, same wall clock): kept for the record, not asserted
        Files.createDirectories(HeadlessChromium.SCREENSHOTS);
        Files.writeString(
                HeadlessChromium.SCREENSHOTS.resolve("guest-page-latency.txt"),
                "typing request to bubble shown: " + (on - requested) + " ms\n");
    }

    @Test
    void theAgentsMessageEndsTheBubble() {
        message("Hello! Let me check that order for you.");
        chromium.waitFor(
                d -> d.findElements(By.cssSelector("#messages .message.agent")).size() == 1);
        typing(60_000);
        chromium.waitFor(d -> "on".equals(bubble()));
        chromium.screenshot("guest-page-typing");
        message("It shipped this morning.");
        chromium.waitFor(d -> "off".equals(bubble()));
        List<WebElement> messages = chromium.driver().findElements(By.cssSelector("#messages .message.agent"));
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).getText()).startsWith("It shipped this morning.");
        assertThat(changes()).extracting(c -> c.get(0)).containsExactly("on", "off");
        assertThat(chromium.driver()
                        .findElement(By.cssSelector("#conversations li.chosen"))
                        .getText())
                .contains(CONVERSATION);
        chromium.screenshot("guest-page-message");
    }
}
