package nl.gezinscoaching.platform.web;

import java.io.IOException;

/**
 * A request body longer than the services accept (their request size limit): answered 413 with rule
 * {@code max-body-size}, wherever it surfaces (while a filter reads the body, or inside the JSON reader).
 */
public final class RequestTooLargeException extends IOException {

    private final long limit;

    public RequestTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The exception itself, or the one among its causes. */
    public static RequestTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException tooLarge) {
                return tooLarge;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
