package dev.gctyping.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gctyping.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault catalogue is defined once: every command's help, the parser and the README table follow it. */
class FaultCatalogueTest {
    @Test
    void everyFaultIsInTheHelpOfEveryCommandThatTakesFaults() {
        for (String command : List.of("replay", "smoke", "simulate")) {
            String help = CliRun.run(command, "--help").out();
            for (Fault fault : Fault.values()) {
                assertThat(help).as(command + " --help").contains(fault.usage()).contains(fault.help());
            }
        }
    }

    @Test
    void everyFaultParsesAndTheReadmeTableListsIt() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Fault fault : Fault.values()) {
            assertThat(readme).as("README's fault table").contains("| `" + fault.key() + "=");
            String value = fault.parameter().startsWith("P")
                    ? "0.5"
                    : fault.parameter().startsWith("N") ? "3" : "1s";
            assertThat(FaultPlan.parse(List.of(fault.key() + "=" + value), 1).specs())
                    .hasSize(1);
        }
    }
}
