package kg.evpower.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.ApiTransport;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.figures.Statistics;
import kg.evpower.figures.StatsEngine;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * The operator API's statistics over real HTTP: what the route answers is what the engine computes on the same
 * database, read back exactly (money to the last decimal); owners see their own stations only; bad parameters are
 * refused in FastAPI's shape.
 */
class StatsRoutesIT {

    @Test
    void theRouteAnswersTheEnginesFiguresScopedToTheCaller() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\"}");
            Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":30,\"topups\":100,\"sessions\":300,\"seed\":3}");
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            Instant now = Instant.now();
            StatsQuery q = new StatsQuery(now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1)), null, null, null, 7, now);
            Statistics all = support.stats().stats(q, StatsReport.Grouping.OWNER, StatsReport.Bucket.DAY);
            StatsReport direct;
            try (Connection c = s.db().connection()) {
                direct = new StatsReport(StatsEngine.read(c, new StatsQuery(q.from(), q.to(), null, null, null, 7, all.asOf())));
            }
            assertTrue(all.total().sessions() > 100, all.total().toString());
            assertEquals(direct.total().sessions(), all.total().sessions());
            assertEquals(0, direct.total().revenue().compareTo(all.total().revenue()), "exact money over the wire");
            assertEquals(0, direct.total().ledgerRevenue().compareTo(all.total().ledgerRevenue()));
            assertEquals(direct.total().occupiedSeconds(), all.total().occupiedSeconds(), 0.001);
            assertEquals(direct.groups(StatsReport.Grouping.OWNER).size(), all.groups().size());
            assertEquals(direct.groups(StatsReport.Grouping.STATION).size(), all.stations().size(), "every station, whatever the grouping");
            assertEquals(3, all.series().size(), "three Bishkek days (or four)" + all.series());
            assertEquals(all.total().sessions(), all.series().stream().mapToLong(StatsReport.Bar::sessions).sum());

            // an owner: their stations, and nobody else's even when asked
            EvPowerClient owner = Sandboxes.loggedIn(s, "+996700100001");
            String ownerId = owner.auth().profile().userId();
            Statistics mine = owner.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.WEEK);
            Set<String> ownStations = Set.copyOf(s.db().query("SELECT id FROM stations WHERE user_id = ?", rs -> rs.getString(1), ownerId));
            assertEquals(ownStations, mine.stations().stream().map(StatsReport.Group::key).collect(Collectors.toSet()));
            assertTrue(mine.total().sessions() < all.total().sessions());
            String other = s.db().queryOne("SELECT user_id FROM stations WHERE user_id <> ? LIMIT 1", rs -> rs.getString(1), ownerId).orElseThrow();
            ApiException refused = assertThrows(ApiException.class, () -> owner.stats().stats(q.owner(other), StatsReport.Grouping.STATION,
                    StatsReport.Bucket.DAY));
            assertEquals(403, refused.httpStatus());
            // an operator: their owner's
            EvPowerClient operator = Sandboxes.loggedIn(s, "+996700201001");
            assertEquals(mine.total().sessions(), operator.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY).total().sessions());

            // refused before anything is computed
            for (String query : new String[] {"from=2026-11-01&to=2026-12-01&group_by=banana", "from=2026-11-01&to=2026-10-01",
                "to=2026-12-01", "from=2026-11-01&to=2026-12-01&bucket=hour", "from=2026-11-01&to=2026-12-01&idle_days=0",
                "from=yesterday&to=2026-12-01", "from=2000-01-01&to=2026-12-01"}) {
                ApiException e = assertThrows(ApiException.class, () -> support.call("GET", "/api/v1/admin/stats?" + query, null, JsonNode.class,
                        ApiTransport.Auth.SESSION), query);
                assertEquals(422, e.httpStatus(), query);
            }
            // dates are Bishkek days: November is 2026-11-01 .. 2026-12-01
            JsonNode november = support.call("GET", "/api/v1/admin/stats?from=2026-11-01&to=2026-12-01&bucket=month", null, JsonNode.class,
                    ApiTransport.Auth.SESSION);
            assertEquals("2026-10-31T18:00:00Z", november.path("period").path("from").asText());
            assertEquals("2026-09-30T18:00:00Z", november.path("period").path("previous_from").asText(), "October 1st in Bishkek: 31 days back");
        }
    }

    /**
     * The first question is answered by the database while the rows are loaded into memory; later ones by the memory,
     * with the same figures as the database gives then; a replay writing into the past sends it back to the database
     * until the rows are read again, and the answers never differ.
     */
    @Test
    void theRowsHeldInMemoryAnswerAsTheDatabaseDoes() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            Sandboxes.control(s, "/_sandbox/money", "{\"mode\":\"production\",\"rates\":{\"double_refund\":0.3}}");
            Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":30,\"topups\":50,\"sessions\":200,\"seed\":8}");
            EvPowerClient support = Sandboxes.loggedIn(s, "+996700000001");
            Instant now = Instant.now();
            StatsQuery q = new StatsQuery(now.minus(Duration.ofDays(2)), now.plus(Duration.ofHours(1)), null, null, null, 7, now);
            Statistics first = support.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
            s.stats().awaitLoaded(Duration.ofSeconds(60));
            assertTrue(s.stats().indexed(), "loaded after the first question");
            sameAsTheDatabase(s, support.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY), q);
            assertEquals(first.total().sessions(), support.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY).total().sessions());

            Sandboxes.control(s, "/_sandbox/money/replay", "{\"hours\":20,\"topups\":20,\"sessions\":100,\"seed\":9}");
            Statistics after = support.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY);
            assertTrue(after.total().sessions() > first.total().sessions(), "the replay's sessions are counted: " + after.total());
            sameAsTheDatabase(s, after, q);
            s.stats().awaitLoaded(Duration.ofSeconds(60));
            assertTrue(s.stats().indexed());
            sameAsTheDatabase(s, support.stats().stats(q, StatsReport.Grouping.STATION, StatsReport.Bucket.DAY), q);
        }
    }

    private static void sameAsTheDatabase(SandboxServer s, Statistics served, StatsQuery q) throws Exception {
        StatsReport direct;
        try (Connection c = s.db().connection()) {
            direct = new StatsReport(StatsEngine.read(c, new StatsQuery(q.from(), q.to(), null, null, null, 7, served.asOf())));
        }
        assertEquals(direct.total().sessions(), served.total().sessions());
        assertEquals(direct.total().ended(), served.total().ended());
        assertEquals(0, direct.total().revenue().compareTo(served.total().revenue()), direct.total().revenue() + " " + served.total().revenue());
        assertEquals(0, direct.total().ledgerRevenue().compareTo(served.total().ledgerRevenue()));
        assertEquals(direct.total().ledgerDisagreements(), served.total().ledgerDisagreements());
        assertEquals(direct.total().occupiedSeconds(), served.total().occupiedSeconds(), 0.001);
        assertEquals(direct.total().chargingSeconds(), served.total().chargingSeconds(), 0.001);
        for (StatsReport.Group g : served.stations()) {
            StatsReport.Group d = direct.groups(StatsReport.Grouping.STATION).stream().filter(x -> x.key().equals(g.key())).findFirst().orElseThrow();
            assertEquals(d.figures().sessions(), g.figures().sessions(), g.key());
            assertEquals(0, d.figures().revenue().compareTo(g.figures().revenue()), g.key());
        }
    }
}
