package dev.gctyping.app;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a job takes from the process it runs in: the user's home, the environment variables, standard
 * input and the wall clock. Tests pass their own, so no job touches the real ones.
 */
public record Environment(Path home, Map<String, String> variables, InputStream stdin, Clock clock) {
    /** The process's own. */
    public static Environment system() {
        return new Environment(Path.of(System.getProperty("user.home")), System.getenv(), System.in, Clock.systemUTC());
    }

    public Environment withStdin(InputStream newStdin) {
        return new Environment(home, variables, newStdin, clock);
    }
}
