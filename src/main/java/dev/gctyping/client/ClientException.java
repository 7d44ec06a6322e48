package dev.gctyping.client;

/** A failure talking to Genesys Cloud or the simulator; its subclasses say whose fault it is. */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientException(String message) {
        super(message);
    }

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
