package kg.evpower.sandbox.server.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Production's value formats: Python {@code .isoformat()} timestamps and floats for numeric columns. */
public final class Wire {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Wire() {
    }

    /** {@code datetime.isoformat()} of an aware UTC value: {@code 2025-12-09T04:37:21.123456+00:00}. */
    public static String iso(Instant t) {
        return t == null ? null : naive(t) + "+00:00";
    }

    /** Python's naive {@code datetime.utcnow().isoformat()} (WebSocket payloads). */
    public static String naive(Instant t) {
        if (t == null) {
            return null;
        }
        LocalDateTime ldt = LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (ldt.getNano() == 0 ? SECONDS : MICROS).format(ldt);
    }

    /** Pydantic's serialisation of an aware datetime: {@code ...Z}. */
    public static String zulu(Instant t) {
        return t == null ? null : naive(t) + "Z";
    }

    /** A numeric column as production's JSON float. */
    public static Double num(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
