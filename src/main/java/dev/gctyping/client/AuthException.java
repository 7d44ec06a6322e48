package dev.gctyping.client;

/**
 * Credentials or permissions were refused (exit code 77). The message names the environment and
 * the client id, never the secret or a token.
 */
public final class AuthException extends ClientException {
    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }
}
