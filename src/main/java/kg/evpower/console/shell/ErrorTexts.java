package kg.evpower.console.shell;

import kg.evpower.console.api.ApiException;
import kg.evpower.console.i18n.Messages;

/** What to tell the user for each kind of failure (one place). */
public final class ErrorTexts {

    private ErrorTexts() {
    }

    /**
     * The message of a failure that came through a future or an unchecked wrapper (CompletionException,
     * ExecutionException, UncheckedIOException are looked through); its class name when it has no message.
     */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
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
            case BUSINESS -> e.serverMessage() != null ? e.serverMessage() : m.get("error.business");
            case SERVER -> m.get("error.server");
            case PROTOCOL -> m.get("error.protocol");
            case CANCELLED -> m.get("error.cancelled");
        };
    }
}
