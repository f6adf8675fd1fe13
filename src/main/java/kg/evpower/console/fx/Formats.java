package kg.evpower.console.fx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StationStatus;
import kg.evpower.console.i18n.Messages;

/** One place for display formats: Asia/Bishkek time, relative ages, power, enum labels. */
public final class Formats {

    public static final ZoneId BISHKEK = ZoneId.of("Asia/Bishkek");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(BISHKEK);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(BISHKEK);
    private static final DateTimeFormatter DAY_HOUR_MINUTE = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(BISHKEK);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(BISHKEK);

    private final Messages m;

    public Formats(Messages m) {
        this.m = m;
    }

    /** A city (or country) as the UI language names it; the server's name when we do not know it. */
    public String city(String name) {
        return kg.evpower.console.i18n.PlaceNames.in(name, m.locale().getLanguage());
    }

    public String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** "14:05" today (Bishkek), "22.11 14:05" another day; "—" when unknown. */
    public String clock(Instant t, Instant now) {
        if (t == null) {
            return "—";
        }
        boolean today = t.atZone(BISHKEK).toLocalDate().equals(now.atZone(BISHKEK).toLocalDate());
        return (today ? HOUR_MINUTE : DAY_HOUR_MINUTE).format(t);
    }

    public String dateTime(Instant t) {
        return t == null ? "—" : DATE_TIME.format(t);
    }

    /** "3 мин назад"; "—" when unknown. */
    public String ago(Instant t, Instant now) {
        if (t == null) {
            return m.get("overview.heartbeat.unknown");
        }
        long s = Math.max(0, Duration.between(t, now).getSeconds());
        String amount = s < 60 ? m.format("time.s", s) : s < 3600 ? m.format("time.m", s / 60)
                : s < 86400 ? m.format("time.h", s / 3600) : m.format("time.d", s / 86400);
        return m.format("overview.heartbeat.ago", amount);
    }

    /**
     * A number in the UI language's own form (Russian and Kyrgyz «1 234,5», English «1,234.5»), with {@code min} to
     * {@code max} decimals: one rule for every number on screen (exports keep their machine form).
     */
    private String number(BigDecimal v, int min, int max) {
        if (v == null) {
            return "—";
        }
        java.text.NumberFormat nf = java.text.NumberFormat.getNumberInstance(m.locale());
        nf.setMinimumFractionDigits(min);
        nf.setMaximumFractionDigits(max);
        nf.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return nf.format(v);
    }

    /** A number exactly as precise as it is ("0,00", "1 105,18"), in the language's grouping and decimal mark. */
    public String exact(BigDecimal v) {
        return v == null ? "—" : number(v, Math.max(0, v.scale()), Math.max(0, v.scale()));
    }

    /** A station's or connector's power as the server gave it ("22", "7,4"); "—" when unknown. */
    public String power(BigDecimal kw) {
        return number(kw, 0, 3);
    }

    /** A measured value (kWh, kW, som) to two decimals at most, without trailing zeros; "—" when unknown. */
    public String decimal(BigDecimal v) {
        return number(v, 0, 2);
    }

    /** Power to one decimal ("7,4"); "—" when unknown. */
    public String power1(BigDecimal kw) {
        return number(kw, 1, 1);
    }

    /** "2 ч 05 мин", "7 мин", "45 с". */
    public String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return m.format("duration.s", s);
        }
        if (s < 3600) {
            return m.format("duration.m", s / 60);
        }
        return m.format("duration.hm", s / 3600, String.format("%02d", s / 60 % 60));
    }

    /** A client's phone with all but the last four digits hidden: "•••34 56" (the country code is always +996). */
    public String maskedPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return "—";
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return "••••";
        }
        String last = digits.substring(digits.length() - 4);
        return "•••" + last.substring(0, 2) + " " + last.substring(2);
    }

    public String status(StationStatus s) {
        return m.get("station." + s.name().toLowerCase());
    }

    public String locationStatus(kg.evpower.console.domain.LocationStatus s) {
        return m.get("location." + s.name().toLowerCase());
    }

    public String connectorStatus(kg.evpower.console.domain.ConnectorStatus s) {
        return m.get("connector." + s.name().toLowerCase());
    }

    /** Som as the server gave them, without trailing zeros ("13,5", "0"); "—" when unknown. */
    public String money(BigDecimal som) {
        return number(som, 0, 2);
    }

    /** Som to the tyiyn with the language's grouping and decimal mark ("6 981,66"), for money in tables and headlines. */
    public String som(BigDecimal v) {
        return v == null ? "—" : number(kg.evpower.console.domain.Money.toTyiyn(v), 2, 2);
    }

    public String yesNoUnknown(Boolean b) {
        return m.get(b == null ? "common.unknown" : b ? "common.yes" : "common.no");
    }

    public String role(Role r) {
        return m.get("role." + r.name().toLowerCase());
    }
}
