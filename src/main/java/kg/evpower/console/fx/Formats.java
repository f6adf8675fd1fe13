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
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(BISHKEK);

    private final Messages m;

    public Formats(Messages m) {
        this.m = m;
    }

    public String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
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

    public String power(BigDecimal kw) {
        return kw == null ? "—" : kw.stripTrailingZeros().toPlainString();
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

    /** Som as the server gave them, without trailing zeros ("13.5", "0"); "—" when unknown. */
    public String money(BigDecimal som) {
        return power(som);
    }

    public String yesNoUnknown(Boolean b) {
        return m.get(b == null ? "common.unknown" : b ? "common.yes" : "common.no");
    }

    public String role(Role r) {
        return m.get("role." + r.name().toLowerCase());
    }
}
