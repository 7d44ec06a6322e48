package dev.gctyping.shell;

import java.util.function.Consumer;

/**
 * Where the shell's output goes. Piped mode: records on stdout (data), messages on stderr.
 * Interactive mode: both above the prompt.
 */
public interface ShellOutput {
    /** One NDJSON record (a payload, {@code :state}, a metrics line). */
    void record(String json);

    /** A message for the human. */
    void message(String text);

    static ShellOutput of(Consumer<String> records, Consumer<String> messages) {
        return new ShellOutput() {
            @Override
            public void record(String json) {
                records.accept(json);
            }

            @Override
            public void message(String text) {
                messages.accept(text);
            }
        };
    }
}
