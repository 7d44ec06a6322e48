package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run that outgrows its heap ends with one line on stderr naming what ran out and how to
 * give more, exit 70, and nothing on stdout. Runs the built jar (maven-failsafe, after package)
 * with a 16 MB heap on 200 000 conversations, which need about 100 MB.
 */
class OutOfMemoryIT {
    private static final Path JAR = Path.of("target/gctyping.jar");

    @TempDir
    Path dir;

    @Test
    void runningOutOfMemorySaysSoInOneLineExits70AndPrintsNothing() throws IOException, InterruptedException {
        Path trace = dir.resolve("many.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(trace)) {
            for (int i = 0; i < 200_000; i++) {
                out.write("{\"ts\":" + (1_764_000_000_000L + i) + ",\"conversationId\":\"conv-" + i
                        + "\",\"agentId\":\"agent-" + i + "\"}\n");
            }
        }
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx16m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "replay",
                        "--dry-run",
                        trace.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();

        List<String> errors = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", errors).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(errors)
                .singleElement()
                .asString()
                .startsWith("gctyping: out of memory (Java heap space, heap limit ")
                .contains("GCTYPING_JAVA_OPTS=-Xmx32m", "java -Xmx32m -jar gctyping.jar");
        assertThat(Files.size(stdout)).as("stdout").isZero();
    }
}
