package dev.gctyping.shell;

/**
 * Where the shell's output goes. Piped mode: records on stdout (data), messages on stderr.
 * Interactive mode: both above the prompt.
 */
public interface ShellOutput {
    /** One NDJSON record (a payload, {@code :state}, a metrics line). */
    void record(String json);

    /** A message for the human. */
    void message(String text);
}
