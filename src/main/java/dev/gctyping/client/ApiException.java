package dev.gctyping.client;

/** The platform API refused a request for a reason retrying cannot fix (a 4xx other than 401/403/429). */
public final class ApiException extends ClientException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
