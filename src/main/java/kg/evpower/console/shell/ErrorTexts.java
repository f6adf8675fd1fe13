package kg.evpower.console.shell;

import kg.evpower.console.api.ApiException;
import kg.evpower.console.i18n.Messages;

/** What to tell the user for each kind of failure (one place). */
public final class ErrorTexts {

    private ErrorTexts() {
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
