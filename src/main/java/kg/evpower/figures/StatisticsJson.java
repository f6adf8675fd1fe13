package kg.evpower.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link Statistics} as the operator API's {@code GET /api/v1/admin/stats} writes them (snake_case, times in UTC with
 * {@code Z}, days as Bishkek dates, money and energy as exact decimals) and as the console reads them back: one codec
 * for both sides. Reading is strict: a missing figure or an unknown grouping is an {@link IllegalArgumentException}
 * naming the field, never a zero.
 */
public final class StatisticsJson {

    /** Decimals as summed, never normalised into 1.5E+3 on the wire. */
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private StatisticsJson() {
    }

    public static ObjectNode write(Statistics s) {
        ObjectNode o = F.objectNode();
        o.put("success", true);
        ObjectNode period = o.putObject("period");
        period.put("from", s.from().toString());
        period.put("to", s.to().toString());
        period.put("previous_from", s.previousFrom().toString());
        o.put("as_of", s.asOf().toString());
        ObjectNode scope = o.putObject("scope");
        scope.put("owner_id", s.ownerId());
        scope.put("location_id", s.locationId());
        scope.put("station_id", s.stationId());
        o.put("idle_days", s.idleDays());
        o.put("group_by", s.grouping().name().toLowerCase(Locale.ROOT));
        o.put("bucket", s.bucket().name().toLowerCase(Locale.ROOT));
        o.set("total", figures(s.total()));
        o.set("previous", figures(s.previous()));
        o.set("groups", groups(s.groups()));
        o.set("stations", groups(s.stations()));
        ArrayNode series = o.putArray("series");
        for (StatsReport.Bar b : s.series()) {
            ObjectNode x = series.addObject();
            x.put("start", b.start().toString());
            x.put("end", b.end().toString());
            x.put("sessions", b.sessions());
            x.put("ended", b.ended());
            x.put("failed", b.failed());
            x.put("energy_kwh", b.energyKwh());
            x.put("revenue", b.revenue());
        }
        ArrayNode heat = o.putArray("heat");
        for (long[] day : s.heat()) {
            ArrayNode d = heat.addArray();
            for (long h : day) {
                d.add(h);
            }
        }
        ArrayNode idle = o.putArray("idle");
        for (StatsReport.Idle i : s.idle()) {
            ObjectNode x = idle.addObject();
            x.put("station_id", i.stationId());
            x.put("location_name", i.locationName());
            x.put("owner_name", i.ownerName());
        }
        return o;
    }

    private static ArrayNode groups(List<StatsReport.Group> groups) {
        ArrayNode a = F.arrayNode();
        for (StatsReport.Group g : groups) {
            ObjectNode x = a.addObject();
            x.put("key", g.key());
            x.put("label", g.label());
            x.put("stations", g.stations());
            x.put("connectors", g.connectors());
            x.set("figures", figures(g.figures()));
        }
        return a;
    }

    private static ObjectNode figures(Figures f) {
        ObjectNode o = F.objectNode();
        o.put("sessions", f.sessions());
        o.put("ended", f.ended());
        o.put("failed", f.failed());
        o.put("running", f.running());
        o.put("energy_kwh", f.energyKwh());
        o.put("revenue", f.revenue());
        o.put("duration_seconds", f.durationSeconds());
        o.put("ledger_revenue", f.ledgerRevenue());
        o.put("ledger_disagreements", f.ledgerDisagreements());
        o.put("occupied_seconds", f.occupiedSeconds());
        o.put("charging_seconds", f.chargingSeconds());
        o.put("capacity_seconds", f.capacitySeconds());
        return o;
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    public static Statistics read(JsonNode o) {
        JsonNode period = required(o, "period");
        JsonNode scope = o.path("scope");
        long[][] heat = new long[7][24];
        JsonNode h = required(o, "heat");
        if (!h.isArray() || h.size() != 7) {
            throw new IllegalArgumentException("heat: 7 days of 24 hours expected");
        }
        for (int d = 0; d < 7; d++) {
            if (!h.get(d).isArray() || h.get(d).size() != 24) {
                throw new IllegalArgumentException("heat[" + d + "]: 24 hours expected");
            }
            for (int i = 0; i < 24; i++) {
                heat[d][i] = whole(h.get(d), i, "heat");
            }
        }
        List<StatsReport.Bar> series = new ArrayList<>();
        for (JsonNode b : array(o, "series")) {
            series.add(new StatsReport.Bar(date(b, "start"), date(b, "end"), count(b, "sessions"), count(b, "ended"), count(b, "failed"),
                    decimal(b, "energy_kwh"), decimal(b, "revenue")));
        }
        List<StatsReport.Idle> idle = new ArrayList<>();
        for (JsonNode i : array(o, "idle")) {
            idle.add(new StatsReport.Idle(text(i, "station_id"), optional(i, "location_name"), optional(i, "owner_name")));
        }
        return new Statistics(instant(period, "from"), instant(period, "to"), instant(period, "previous_from"), instant(o, "as_of"),
                optional(scope, "owner_id"), optional(scope, "location_id"), optional(scope, "station_id"), (int) count(o, "idle_days"),
                choice(StatsReport.Grouping.class, o, "group_by"), choice(StatsReport.Bucket.class, o, "bucket"),
                figures(required(o, "total")), figures(required(o, "previous")), groups(o, "groups"), groups(o, "stations"), series, heat, idle);
    }

    private static List<StatsReport.Group> groups(JsonNode o, String field) {
        List<StatsReport.Group> out = new ArrayList<>();
        for (JsonNode g : array(o, field)) {
            out.add(new StatsReport.Group(text(g, "key"), optional(g, "label"), figures(required(g, "figures")), (int) count(g, "stations"),
                    (int) count(g, "connectors")));
        }
        return out;
    }

    private static Figures figures(JsonNode f) {
        return new Figures(count(f, "sessions"), count(f, "ended"), count(f, "failed"), count(f, "running"), decimal(f, "energy_kwh"),
                decimal(f, "revenue"), count(f, "duration_seconds"), decimal(f, "ledger_revenue"), count(f, "ledger_disagreements"),
                seconds(f, "occupied_seconds"), seconds(f, "charging_seconds"), seconds(f, "capacity_seconds"));
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return v;
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isArray()) {
            throw new IllegalArgumentException(field + ": a list expected");
        }
        return v;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": text expected");
        }
        return v.asText();
    }

    private static String optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long count(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException(field + ": a whole number of at least 0 expected, not " + v);
        }
        return v.asLong();
    }

    private static long whole(JsonNode a, int i, String field) {
        JsonNode v = a.get(i);
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new IllegalArgumentException(field + ": a whole number of at least 0 expected, not " + v);
        }
        return v.asLong();
    }

    private static double seconds(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(field + ": a number of seconds expected, not " + v);
        }
        return v.asDouble();
    }

    private static BigDecimal decimal(JsonNode o, String field) {
        JsonNode v = required(o, field);
        if (v.isNumber()) {
            return plain(v.decimalValue());
        }
        if (v.isTextual()) {
            try {
                return plain(new BigDecimal(v.asText()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": a decimal expected, not " + v);
            }
        }
        throw new IllegalArgumentException(field + ": a decimal expected, not " + v);
    }

    /** Without trailing zeros and never in exponent form (a reader may have normalised 1500.00 to 1.5E+3). */
    private static BigDecimal plain(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Instant instant(JsonNode o, String field) {
        try {
            return Instant.parse(text(o, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a time in UTC expected, not " + o.get(field));
        }
    }

    private static LocalDate date(JsonNode o, String field) {
        try {
            return LocalDate.parse(text(o, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": a date expected, not " + o.get(field));
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, JsonNode o, String field) {
        String v = text(o, field);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown value " + v);
        }
    }
}
