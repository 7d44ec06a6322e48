package dev.gctyping.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gctyping smoke}: one command for CI: the bundled sample over the wire, with {@code --assert}. */
@Command(name = "smoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "CI smoke check: replay the bundled samples over the wire with --assert (exit 0 pass, 1 fail).",
        description = "Replays the samples bundled in the jar (samples/transfer.ndjson: two agents, a blur, a transfer; "
                + "samples/concurrent-50.ndjson: 50 conversations at once) at full speed against the configured target (default: an embedded simulator) and "
                + "asserts that no payload was lost, no guest's indicator was left on and nothing unexpected failed. "
                + "stdout carries the replay's NDJSON records; violations go to stderr, one per line. --fault passes "
                + "simulator faults through, so resilience is one command away.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping smoke",
            "  gctyping smoke --fault drop-every=50 --junit target/smoke.xml",
            "  gctyping smoke --dialect seed --fault drop-every=10 --fault token-expire-after=2s",
        })
public final class SmokeCommand implements Callable<Integer> {
    static final List<String> SAMPLES = List.of("transfer.ndjson", "concurrent-50.ndjson");

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Mixin
    CheckOptions check;

    @Override
    public Integer call() throws IOException {
        List<String> args = new ArrayList<>(List.of("--speed", "max", "--assert"));
        args.addAll(check.asArguments());
        if (logging.quiet()) {
            args.add("--quiet");
        }
        args.addAll(target.asArguments());
        Path samples = Files.createTempDirectory("gctyping-smoke");
        try {
            for (String sample : SAMPLES) {
                try (InputStream bundled = SmokeCommand.class.getResourceAsStream("/samples/" + sample)) {
                    if (bundled == null) {
                        throw new CliException(ExitCodes.SOFTWARE, "the bundled sample " + sample + " is missing from the jar");
                    }
                    Path copy = samples.resolve(sample);
                    Files.copy(bundled, copy);
                    args.add(copy.toString());
                }
            }
            CommandLine replay = spec.root().commandLine().getSubcommands().get("replay");
            ReplayCommand command = replay.getCommand();
            command.target.home = target.home;
            command.target.env = target.env;
            return replay.execute(args.toArray(String[]::new));
        } finally {
            try (var copies = Files.list(samples)) {
                for (Path copy : copies.toList()) {
                    Files.delete(copy);
                }
            }
            Files.delete(samples);
        }
    }
}
