package kg.evpower.console.api;

/**
 * Every failure of a call to the server, as a value the user can act on. The message is the server's own
 * (Russian, shown as given) when it sent one; {@link Kind} tells the UI what to suggest.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the user's point of view. */
    public enum Kind {
        /** No connection, timeout, DNS, refused. */
        NETWORK,
        /** 401: not signed in, or the session expired and could not be refreshed. */
        UNAUTHORIZED,
        /** 403 from a role check or deactivated account. */
        FORBIDDEN,
        /** 403 csrf_failed / csrf_origin. */
        CSRF,
        /** 429 from the server. */
        RATE_LIMITED,
        /** 422 validation errors, or the console's own validation. */
        VALIDATION,
        /** 404 or a not-found business error. */
        NOT_FOUND,
        /** HTTP 200 with success:false — a business rule refused. */
        BUSINESS,
        /** 5xx. */
        SERVER,
        /** The answer could not be understood (malformed JSON, unexpected shape). */
        PROTOCOL,
        /** The user cancelled or the console is shutting down. */
        CANCELLED
    }

    private final Kind kind;
    private final int httpStatus;
    private final String code;
    private final String serverMessage;

    public ApiException(Kind kind, int httpStatus, String code, String serverMessage, Throwable cause) {
        super(kind + (httpStatus > 0 ? " " + httpStatus : "") + (code != null ? " " + code : "")
                + (serverMessage != null ? ": " + serverMessage : ""), cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.code = code;
        this.serverMessage = serverMessage;
    }

    public ApiException(Kind kind, int httpStatus, String code, String serverMessage) {
        this(kind, httpStatus, code, serverMessage, null);
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The server's machine code ({@code error} field), or null. */
    public String code() {
        return code;
    }

    /** The server's human message as given, or null. */
    public String serverMessage() {
        return serverMessage;
    }
}
