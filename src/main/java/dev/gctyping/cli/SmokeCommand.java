package dev.gctyping.cli;

import dev.gctyping.app.Environment;
import dev.gctyping.app.Smoke;
import dev.gctyping.engine.EngineSettings;
import dev.gctyping.metrics.ComposingTimeline;
import dev.gctyping.threshold.FigureNames;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gctyping smoke}: one command for CI: the bundled sample over the wire, with {@code --assert}. */
@Command(
        name = "smoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "CI smoke check: replay the bundled samples over the wire with --assert (exit 0 pass, 1 fail).",
        description =
                "Replays the samples bundled in the jar (samples/transfer.ndjson: two agents, a blur, a transfer; "
                        + "samples/concurrent-50.ndjson: 50 conversations at once) at full speed against the configured target (default: an embedded simulator) and "
                        + "asserts that no payload was lost, no guest's indicator was left on and nothing unexpected failed. "
                        + "stdout carries the replay's NDJSON records; violations go to stderr, one per line (a repeated one "
                        + "counted), and the last line is the verdict: smoke: PASS, 51 conversations, 0 lost (or what failed). "
                        + "--fault passes simulator faults through, so resilience is one command away: stderr says how often "
                        + "each struck (drop-every counts the frames a socket sends: use --dialect seed).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  gctyping smoke",
            "  gctyping smoke --fault api-5xx-rate=0.05 --junit target/smoke.xml",
            "  gctyping smoke --dialect seed --fault drop-every=10 --fault token-expire-after=2s",
        })
public final class SmokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    TargetOptions target;

    @Mixin
    CheckOptions check;

    private final Environment environment;

    public SmokeCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        IgnoredOptions.of(spec)
                .warn(check.faults.isEmpty(), "without --fault", "it seeds the simulator's faults", "--seed");
        if (check.junit != null) {
            OutputFiles.requireWritable(check.junit);
        }
        RunChecks checks = new RunChecks(spec.commandLine(), check.thresholds, FigureNames.OVER_THE_WIRE, null);
        try {
            return ReplayCommand.run(
                    spec,
                    environment,
                    logging,
                    replay -> new Smoke(replay).run(target.dialect(), target.request(), check.faults, check.seed),
                    "gctyping smoke",
                    true,
                    check,
                    checks,
                    RunChecks.settings(EngineSettings.DEFAULTS, target.dialect(), ComposingTimeline.DEFAULT_PAUSE_MS),
                    "smoke");
        } catch (IllegalStateException missingSample) {
            throw new CliException(ExitCodes.SOFTWARE, missingSample.getMessage());
        }
    }
}
