package dev.gctyping.client;

/** The target configuration (flags, environment, profile file) is incomplete or unsafe; the message says how to fix it. */
public final class ConfigException extends ClientException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
