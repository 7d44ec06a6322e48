package dev.gctyping.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where gctyping keeps its files (the profile file, the token cache, the prompt history), decided in
 * this one place from an environment map, so callers and tests can inject it: {@code $GCTYPING_HOME}
 * if set, else {@code $HOME/.gctyping}, else {@code .gctyping} under the fallback (Java's
 * {@code user.home}, which ignores {@code $HOME}).
 */
public final class GctypingHome {
    public static final String ENV_GCTYPING_HOME = "GCTYPING_HOME";
    public static final String ENV_HOME = "HOME";

    private final Path directory;

    public GctypingHome(Map<String, String> env, Path fallbackUserHome) {
        String own = env.get(ENV_GCTYPING_HOME);
        String home = env.get(ENV_HOME);
        if (own != null && !own.isBlank()) {
            directory = Path.of(own);
        } else {
            directory = (home != null && !home.isBlank() ? Path.of(home) : fallbackUserHome).resolve(".gctyping");
        }
    }

    public Path directory() {
        return directory;
    }

    /** The profile file, {@code config}. */
    public Path profileFile() {
        return directory.resolve("config");
    }

    /** The token cache's directory, {@code tokens/}. */
    public Path tokenDirectory() {
        return directory.resolve("tokens");
    }

    /** The shell prompt's history, {@code history}. */
    public Path historyFile() {
        return directory.resolve("history");
    }
}
