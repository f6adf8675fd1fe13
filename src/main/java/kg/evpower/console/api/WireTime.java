package kg.evpower.console.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the backend's three timestamp forms (contract §1.7) into UTC instants: {@code +00:00} from
 * {@code isoformat()}, {@code Z} from Pydantic, and naive values (WebSocket payloads) which are UTC.
 */
public final class WireTime {

    private WireTime() {
    }

    /** Null for null or blank; throws {@link DateTimeParseException} for text that is no timestamp. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim().replace(' ', 'T');
        if (s.endsWith("Z") || s.endsWith("z")) {
            return OffsetDateTime.parse(s.substring(0, s.length() - 1) + "+00:00").toInstant();
        }
        int t = s.indexOf('T');
        if (t > 0) {
            String time = s.substring(t + 1);
            if (time.contains("+") || time.lastIndexOf('-') > 0) {
                return OffsetDateTime.parse(s).toInstant();
            }
        }
        if (t < 0) {
            s = s + "T00:00:00";
        }
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }

    /** Like {@link #parse} but answers null for malformed text instead of throwing. */
    public static Instant parseLenient(String text) {
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
