package dev.gctyping.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JUnit XML report (the de facto format CI systems display): one test case per conversation,
 * failing with one line per violation.
 */
public final class JUnitReport {
    /** One conversation's outcome; no violations means it passed. */
    public record Case(String name, List<String> violations) {}

    private JUnitReport() {}

    /** @param seconds the run's wall time: conversations replay together, so cases carry no time of their own */
    public static void write(Path file, String suite, double seconds, List<Case> cases) throws IOException {
        long failures = cases.stream().filter(c -> !c.violations().isEmpty()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"")
                .append(escape(suite))
                .append("\" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(seconds))
                .append("\">\n");
        for (Case c : cases) {
            xml.append("  <testcase classname=\"")
                    .append(escape(suite))
                    .append("\" name=\"")
                    .append(escape(c.name()))
                    .append("\" time=\"0\"");
            if (c.violations().isEmpty()) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n    <failure message=\"")
                    .append(escape(c.violations().get(0)))
                    .append("\" type=\"AssertionError\">");
            xml.append(escape(String.join("\n", c.violations()))).append("</failure>\n  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String seconds(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
