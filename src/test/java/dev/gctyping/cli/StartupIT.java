package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short commands stay short: the built jar, run with class loading logged, must not load logback,
 * Jackson, Java-WebSocket or JLine for {@code --help}, {@code --version} or a small dry replay.
 * Runs in {@code verify} (maven-failsafe), after {@code package} built the jar.
 */
class StartupIT {
    private static final Path JAR = Path.of("target/gctyping.jar");
    private static final List<String> HEAVY =
            List.of("ch.qos.logback.", "com.fasterxml.jackson.", "org.java_websocket.", "org.jline.");

    @TempDir
    Path dir;

    private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args)).isZero();
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private void assertLoadsNothingHeavy(String... args) throws IOException, InterruptedException {
        List<String> loaded = loadedClasses(args);
        assertThat(loaded).as("the class-load log").anyMatch(line -> line.contains(" dev.gctyping.Main "));
        assertThat(loaded)
                .as(String.join(" ", args))
                .noneMatch(line -> HEAVY.stream().anyMatch(prefix -> line.contains("] " + prefix)));
    }

    @Test
    void helpVersionAndASmallDryRunLoadNoLoggingJsonSocketOrTerminalLibrary() throws Exception {
        assertThat(JAR).as("the jar built by package").exists();
        Path trace = dir.resolve("ten.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append("{\"ts\":")
                    .append(1_764_000_000_000L + i * 150)
                    .append(",\"conversationId\":\"c1\",\"agentId\":\"a1\",\"event\":\"keystroke\"}\n");
        }
        Files.writeString(trace, lines);
        assertLoadsNothingHeavy("--help");
        assertLoadsNothingHeavy("--version");
        assertLoadsNothingHeavy("replay", "--dry-run", trace.toString());
    }
}
