package dev.gctyping.client;

/** The service could not be reached, kept failing, or asked us to wait too long (exit code 69). */
public final class UnavailableException extends ClientException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
