package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every documented replay or smoke with {@code --fault} (README.md, samples/README.md, .ci/run, the
 * commands' --help) injects every fault it names: an example that tests nothing would teach users
 * that their replay survived a fault it never met. Each runs at {@code --speed max}, without its
 * output files; the faults counted here do not depend on the speed.
 */
class FaultExamplesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXAMPLE = Pattern.compile(
            "(?:java -jar target/gctyping\\.jar|gctyping) ((?:replay|smoke) [^`>\\n]*--fault [^`>\\n]*)");

    @TempDir
    Path home;

    static Stream<String> examples() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : List.of("README.md", "samples/README.md", ".ci/run")) {
            texts.add(Files.readString(Path.of(file)));
        }
        CommandLine cli = GcTypingCommand.commandLine(
                new Environment(Path.of("."), Map.of(), InputStream.nullInputStream(), Clock.systemUTC()));
        for (String command : List.of("replay", "smoke")) {
            texts.add(String.join(
                    "\n",
                    cli.getSubcommands()
                            .get(command)
                            .getCommandSpec()
                            .usageMessage()
                            .footer()));
        }
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            Matcher m = EXAMPLE.matcher(text);
            while (m.find()) {
                found.add(normalized(m.group(1).trim()));
            }
        }
        return found.stream();
    }

    /** The example at full speed, quiet, without the files it would write, its globs expanded. */
    private static String normalized(String example) throws IOException {
        List<String> words = new ArrayList<>(List.of(example.split("\\s+")));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--junit" -> i++;
                case "--speed" -> {
                    kept.add("--speed");
                    kept.add("max");
                    i++;
                }
                case "--quiet", "-q" -> {}
                case "samples/*.ndjson" -> {
                    try (Stream<Path> samples = Files.list(Path.of("samples"))) {
                        samples.map(Path::toString)
                                .filter(name -> name.endsWith(".ndjson"))
                                .sorted()
                                .forEach(kept::add);
                    }
                }
                default -> kept.add(word);
            }
        }
        if (kept.get(0).equals("replay") && !kept.contains("--speed")) {
            kept.addAll(1, List.of("--speed", "max"));
        }
        kept.add(1, "-q");
        return String.join(" ", kept);
    }

    @Test
    void theDocsHaveFaultExamplesOfBothCommands() throws IOException {
        assertThat(examples().toList())
                .anySatisfy(example -> assertThat(example).startsWith("replay"))
                .anySatisfy(example -> assertThat(example).startsWith("smoke"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyFaultOfADocumentedExampleStrikes(String example) throws IOException {
        CliRun run = CliRun.run(
                GcTypingCommand.commandLine(
                        new Environment(home, Map.of(), InputStream.nullInputStream(), Clock.systemUTC())),
                example.split(" "));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).doesNotContain("injected nothing");
        JsonNode summary = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
        List<String> faults = new ArrayList<>();
        List<String> words = List.of(example.split(" "));
        for (int i = 0; i < words.size() - 1; i++) {
            if (words.get(i).equals("--fault")) {
                faults.add(words.get(i + 1).substring(0, words.get(i + 1).indexOf('=')));
            }
        }
        assertThat(faults)
                .isNotEmpty()
                .allSatisfy(fault -> assertThat(
                                summary.path("faultsInjected").path(fault).asLong())
                        .as(fault + " in " + example)
                        .isPositive());
    }
}
