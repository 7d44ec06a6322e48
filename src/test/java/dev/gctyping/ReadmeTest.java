package dev.gctyping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's commands work when copied into a fresh shell. */
class ReadmeTest {
    private static List<String> lines() throws IOException {
        return Files.readAllLines(Path.of("README.md"));
    }

    @Test
    void aMavenBuildChainedToACommandKeepsItsOutputOffStdout() throws IOException {
        // Debian's Maven writes colour resets to stdout even with -B -q: they would corrupt the NDJSON that follows
        assertThat(lines())
                .filteredOn(line -> line.startsWith("mvn ") && (line.contains("&&") || line.contains("|")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(" -B ").containsPattern("mvn [^&|]*>&2 *&&"));
    }

    @Test
    void aLinkIntoLocalBinCreatesTheDirectoryFirst() throws IOException {
        assertThat(lines())
                .filteredOn(line -> line.contains("ln -s") && line.contains("~/.local/bin"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("mkdir -p ~/.local/bin && "));
    }
}
