package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gctyping.app.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What replay and tune do with input that is not a trace: exit 65 with FILE:LINE: reason, never an internal error (70). */
class TraceInputErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINE = "{\"ts\": 1764000000000, \"conversationId\": \"c1\", \"agentId\": \"a1\"}\n";

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return path;
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aTruncatedGzipExits65WithOrWithoutSkipInvalid() throws IOException {
        Path truncated = file("t.ndjson.gz", Arrays.copyOf(gzip(LINE.repeat(1000)), 40));
        for (String[] args : new String[][] {
            {"replay", "--dry-run", truncated.toString()},
            {"replay", "--dry-run", "--skip-invalid", truncated.toString()}
        }) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DATA_ERROR);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip()).isEqualTo(truncated + ":1: the gzip data ends early (a truncated file?)");
        }
        CliRun tune = CliRun.run("tune", truncated.toString());
        assertThat(tune.exitCode()).as(tune.toString()).isEqualTo(ExitCodes.DATA_ERROR);
    }

    @Test
    void aTimestampBeyondTheYear9999Exits65() throws IOException {
        Path far = file(
                "far.ndjson",
                (LINE + "{\"ts\": \"+999999999-12-31T23:59:59Z\", \"conversationId\": \"c1\", \"agentId\": \"a1\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.run("replay", "--dry-run", far.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(run.err())
                .startsWith(far + ":2: ts \"+999999999-12-31T23:59:59Z\" is outside the years 0000 to 9999");
        CliRun tune = CliRun.run("tune", far.toString());
        assertThat(tune.exitCode()).as(tune.toString()).isEqualTo(ExitCodes.DATA_ERROR);
    }

    @Test
    void aLineOverMaxLineBytesIsABadLine() throws IOException {
        Path trace = file(
                "long.ndjson",
                (LINE + LINE.replace("}", ", \"pad\": \"" + "x".repeat(500) + "\"}") + LINE)
                        .getBytes(StandardCharsets.UTF_8));
        CliRun stopped = CliRun.run("replay", "--dry-run", "--max-line-bytes", "200", trace.toString());
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(stopped.err().strip())
                .isEqualTo(trace + ":2: the line is longer than 200 bytes (the limit set by --max-line-bytes)");
        CliRun skipped =
                CliRun.run("replay", "--dry-run", "--skip-invalid", "--max-line-bytes", "200", trace.toString());
        assertThat(skipped.exitCode()).as(skipped.toString()).isZero();
        assertThat(JSON.readTree(skipped.outLines().get(skipped.outLines().size() - 1))
                        .path("invalidLines")
                        .asLong())
                .isEqualTo(1);
        assertThat(CliRun.run("replay", "--dry-run", trace.toString()).exitCode())
                .as("within the default")
                .isZero();
    }

    @Test
    void aMaxLineBytesThatCannotWorkIsAUsageError() {
        for (String value : new String[] {"0", "-1", "lots", "2147483648"}) {
            CliRun run = CliRun.run("replay", "--dry-run", "--max-line-bytes", value, "x.ndjson");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--max-line-bytes").contains("'" + value + "' is not a line length");
        }
    }

    @Test
    void csvOnStdinSaysToUseFormatCsv() {
        CommandLine cli = GcTypingCommand.commandLine(Environment.system()
                .withStdin(new ByteArrayInputStream(
                        "ts,conversationId,agentId\n1764000000000,c1,a1\n".getBytes(StandardCharsets.UTF_8))));
        CliRun run = CliRun.run(cli, "replay", "--dry-run", "-");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(run.err().strip())
                .isEqualTo("<stdin>:1: not a JSON object: this looks like a CSV header; use --format csv");
    }

    @Test
    void aNamedPipeIsAReadableInput() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            assumeThat(noMkfifo).as("mkfifo is available").isNull();
            return;
        }
        assumeThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo worked")
                .isTrue();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(fifo, LINE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.run("replay", "--dry-run", fifo.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.outLines().get(run.outLines().size() - 1))
                        .path("events")
                        .asLong())
                .isEqualTo(1);
        writer.get(30, TimeUnit.SECONDS);
    }
}
