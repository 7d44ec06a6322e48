package dev.gctyping.cli;

import dev.gctyping.engine.EngineSettings;
import picocli.CommandLine.Option;

/** The engine's two knobs, mixed into every command that runs the engine. */
public final class EngineOptions {
    @Option(
            names = "--dedup-window",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "While typing, send 'active' again at most once per this window. Default: ${DEFAULT-VALUE}.")
    long dedupWindowMs;

    @Option(
            names = "--expiry",
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description = "Send 'inactive' after this long without a keystroke (agent-api: the On's duration). "
                    + "Default: ${DEFAULT-VALUE}.")
    long expiryMs;

    EngineSettings settings() {
        return new EngineSettings(dedupWindowMs, expiryMs);
    }
}
