package kg.evpower.console.i18n;

import kg.evpower.console.api.ApiException;

/** What to tell the user for each kind of failure (one place). */
public final class ErrorTexts {

    private ErrorTexts() {
    }

    /**
     * The message of a failure that came through a future or an unchecked wrapper (CompletionException,
     * ExecutionException, UncheckedIOException are looked through); its class name when it has no message.
     */
    public static String message(Throwable e) {
        Throwable t = unwrap(e);
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /**
     * What to tell the user about any failure of a background task: a server or network failure by its kind; a
     * failure that carries a text meant for the user ({@link IllegalStateException}, {@link IllegalArgumentException}
     * thrown by our own code with a translated message) as given; a cancellation as such; anything else as an
     * internal error, whose details go to the log, never to the screen.
     */
    public static String describe(Messages m, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof ApiException api) {
            return of(m, api);
        }
        if (t instanceof java.util.concurrent.CancellationException || t instanceof InterruptedException) {
            return m.get("error.cancelled");
        }
        if ((t instanceof IllegalStateException || t instanceof IllegalArgumentException || t instanceof UserFacing)
                && t.getMessage() != null) {
            return t.getMessage();
        }
        org.slf4j.LoggerFactory.getLogger(ErrorTexts.class).error("unexpected failure", t);
        return m.get("error.internal");
    }

    /** A failure whose message is already in the user's language. */
    public interface UserFacing {
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t;
    }

    public static String of(Messages m, ApiException e) {
        return switch (e.kind()) {
            case NETWORK -> m.get("error.network");
            case UNAUTHORIZED -> m.get("error.unauthorized");
            case FORBIDDEN -> m.get("error.forbidden");
            case CSRF -> m.get("error.csrf");
            case RATE_LIMITED -> m.get("error.rate");
            case VALIDATION -> m.get("error.validation") + (e.serverMessage() == null ? "" : " " + e.serverMessage());
            case NOT_FOUND -> m.get("error.notFound");
            case BUSINESS -> e.serverMessage() != null ? ServerTexts.say(m, e.serverMessage()) : m.get("error.business");
            case SERVER -> m.get("error.server");
            case PROTOCOL -> m.get("error.protocol");
            case CANCELLED -> m.get("error.cancelled");
        };
    }
}
