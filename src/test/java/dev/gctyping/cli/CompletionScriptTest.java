package dev.gctyping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed completion script must be exactly what the command model generates. When a
 * command or option changes, regenerate it with {@code mvn test -Dtest=CompletionScriptTest
 * -Dcompletions.update=true} and commit the file.
 */
class CompletionScriptTest {
    private static final Path COMMITTED = Path.of("completions/gctyping_completion.bash");

    @Test
    void committedScriptMatchesTheCommandModel() throws IOException {
        String generated = CompletionCommand.script();
        if (Boolean.getBoolean("completions.update")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("completions/gctyping_completion.bash is stale: rerun with -Dcompletions.update=true")
                .isEqualTo(generated);
    }

    @Test
    void completionCommandPrintsTheScript() {
        CliRun run = CliRun.run("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(CompletionCommand.script()).contains("complete -F _complete_gctyping");
    }
}
