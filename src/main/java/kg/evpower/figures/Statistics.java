package kg.evpower.figures;

import java.time.Instant;
import java.util.List;

/**
 * Everything a statistics screen shows for one query, one grouping and one bar length: what the operator API's
 * {@code GET /api/v1/admin/stats} answers and what the console builds itself from a read-only PostgreSQL.
 *
 * @param stations every station in scope with its figures (the top and bottom, the utilisation chart), whatever the grouping
 * @param heat     sessions started per hour of the week, Bishkek time, [0] Monday, [0][0] from midnight
 */
public record Statistics(Instant from, Instant to, Instant previousFrom, Instant asOf, String ownerId, String locationId, String stationId,
                         int idleDays, StatsReport.Grouping grouping, StatsReport.Bucket bucket, Figures total, Figures previous,
                         List<StatsReport.Group> groups, List<StatsReport.Group> stations, List<StatsReport.Bar> series, long[][] heat,
                         List<StatsReport.Idle> idle) {

    public Statistics {
        groups = List.copyOf(groups);
        stations = List.copyOf(stations);
        series = List.copyOf(series);
        idle = List.copyOf(idle);
        if (heat.length != 7) {
            throw new IllegalArgumentException("an hour-of-week map has 7 days");
        }
        for (long[] day : heat) {
            if (day.length != 24) {
                throw new IllegalArgumentException("a day of the hour-of-week map has 24 hours");
            }
        }
    }

    /** Builds them from a report. */
    public static Statistics of(StatsReport r, StatsReport.Grouping g, StatsReport.Bucket b) {
        StatsQuery q = r.query();
        List<StatsReport.Group> stations = r.groups(StatsReport.Grouping.STATION);
        return new Statistics(q.from(), q.to(), q.previousFrom(), q.asOf(), q.ownerId(), q.locationId(), q.stationId(), q.idleDays(), g, b,
                r.total(), r.previous(), g == StatsReport.Grouping.STATION ? stations : r.groups(g), stations, r.series(b), r.heat(), r.idle());
    }
}
