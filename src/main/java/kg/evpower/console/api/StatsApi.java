package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatisticsJson;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;

/** The operator API's statistics ({@code GET /api/v1/admin/stats}), read with the codec the server writes with. */
public final class StatsApi {

    private final ApiTransport t;

    StatsApi(ApiTransport t) {
        this.t = t;
    }

    /** The statistics of {@code q} (its as-of time is the server's), grouped and cut into bars as asked. */
    public Statistics stats(StatsQuery q, StatsReport.Grouping grouping, StatsReport.Bucket bucket) {
        StringBuilder path = new StringBuilder(kg.evpower.console.domain.ServerCapabilities.ADMIN_STATS).append("?from=")
                .append(ApiTransport.enc(q.from().toString())).append("&to=").append(ApiTransport.enc(q.to().toString()))
                .append("&group_by=").append(grouping.name().toLowerCase(Locale.ROOT)).append("&bucket=").append(bucket.name().toLowerCase(Locale.ROOT))
                .append("&idle_days=").append(q.idleDays());
        append(path, "owner_id", q.ownerId());
        append(path, "location_id", q.locationId());
        append(path, "station_id", q.stationId());
        JsonNode body = t.call("GET", path.toString(), null, JsonNode.class, ApiTransport.Auth.SESSION);
        try {
            return StatisticsJson.read(body);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Kind.PROTOCOL, 200, "stats_shape", e.getMessage(), e);
        }
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(ApiTransport.enc(value));
        }
    }
}
