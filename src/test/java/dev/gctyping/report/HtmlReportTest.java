package dev.gctyping.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gctyping.metrics.Intervals;
import dev.gctyping.support.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static Intervals of(long... bounds) {
        Intervals set = new Intervals();
        for (int i = 0; i < bounds.length; i += 2) {
            set.add(bounds[i], bounds[i + 1]);
        }
        return set;
    }

    private static RunReport report(String conversationId) {
        AgentTimeline agent = new AgentTimeline(
                conversationId,
                "a1",
                new long[] {1_000, 1_300, 2_000},
                new Mark[] {Mark.KEYSTROKE, Mark.KEYSTROKE, Mark.SEND},
                0,
                of(1_000, 2_000),
                of(1_500, 4_000),
                true);
        return new RunReport(
                "t",
                "gctyping replay x",
                new RunReport.Verdict(true, "ok"),
                Map.of("expiry", "3000 ms"),
                Map.of("events", 3.0),
                List.of(),
                List.of(agent),
                Optional.empty());
    }

    private static JsonNode embedded(String html) {
        int start = html.indexOf("id=\"report-data\">") + "id=\"report-data\">".length();
        return Json.parse(html.substring(start, html.indexOf("</script>", start)));
    }

    @Test
    void embedsTheDataOnceCompactlyWithStretchesRelativeToTheAgentsStart() throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(out, report("c1"));
        JsonNode agent = embedded(out.toString()).path("agents").get(0);
        assertThat(agent.toString())
                .isEqualTo("[\"c1\",\"a1\",2000,500,2500,1000,2000,1,0,1000,\"kks\",[0,300,700],"
                        + "[0,1000],[500,3000],[1000,3000],[0,500]]");
        assertThat(embedded(out.toString()).path("truth").path("source").asText())
                .isEqualTo("observed by the simulator");
    }

    @Test
    void dataCannotEndTheScriptElement() throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(out, report("</script><script>alert(1)</script>\u2028"));
        String html = out.toString();
        assertThat(html).doesNotContain("</script><script>alert(1)").contains("\\u003C/script\\u003E");
        assertThat(embedded(html).path("agents").get(0).get(0).asText())
                .isEqualTo("</script><script>alert(1)</script>\u2028");
    }

    @Test
    void fetchesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/r.html");
        HtmlReport.write(file, report("c1"));
        // the SVG namespace is a name, not an address
        String html = Files.readString(file).replace("\"http://www.w3.org/2000/svg\"", "");
        assertThat(html)
                .doesNotContain("http://", "https://", "src=", "@import")
                .contains("default-src 'none'");
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp");
    }
}
