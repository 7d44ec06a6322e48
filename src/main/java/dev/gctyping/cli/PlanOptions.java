package dev.gctyping.cli;

import dev.gctyping.dialect.PlanSettings;
import dev.gctyping.protocol.PlatformLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the dialect plans its sends within the budget: mixed into replay and tune. */
public final class PlanOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--budget",
            paramLabel = "N",
            defaultValue = "" + PlatformLimits.REQUESTS_PER_MINUTE,
            description = "agent-api: platform requests per minute per token (all conversations share one token); "
                    + "the plan never spends more. Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(
            names = "--typing-lead",
            paramLabel = "DURATION",
            defaultValue = PlanSettings.DEFAULT_LEAD_MS + "ms",
            converter = DurationConverter.class,
            description = "agent-api: refresh the guest's indicator this long before it would lapse while the agent "
                    + "still types, to cover the request's latency. Default: ${DEFAULT-VALUE}.")
    long leadMs;

    @Option(
            names = "--max-typing-duration",
            paramLabel = "DURATION",
            defaultValue = PlanSettings.DEFAULT_MAX_DURATION_MS / 1000 + "s",
            converter = DurationConverter.class,
            description = "agent-api: the longest duration an On asks the guest to show it (longer Ons need fewer "
                    + "refreshes when many agents share the budget). Default: ${DEFAULT-VALUE}.")
    long maxDurationMs;

    /** The settings with this expiry (the engine's), or a usage error naming the option. */
    PlanSettings settings(long expiryMs) {
        if (budget < 1) {
            throw new ParameterException(
                    command.commandLine(), "--budget must be at least 1 request per minute, got " + budget);
        }
        if (maxDurationMs < 1) {
            throw new ParameterException(command.commandLine(), "--max-typing-duration must be positive");
        }
        return new PlanSettings(expiryMs, budget, leadMs, maxDurationMs);
    }
}
