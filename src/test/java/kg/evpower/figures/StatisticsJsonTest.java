package kg.evpower.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics' wire form: written and read back exactly, and refused field by field when it is not what it says. */
class StatisticsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static Statistics sample() {
        Figures f = new Figures(12, 9, 2, 1, new BigDecimal("123.4567"), new BigDecimal("1481.4804"), 30_600, new BigDecimal("1500"), 1,
                33_000.5, 30_000.25, 2_592_000);
        long[][] heat = new long[7][24];
        heat[0][23] = 3;
        heat[6][0] = 9;
        return new Statistics(Instant.parse("2026-10-31T18:00:00Z"), Instant.parse("2026-11-30T18:00:00Z"), Instant.parse("2026-09-30T18:00:00Z"),
                Instant.parse("2026-12-05T06:00:00Z"), "owner-a", null, null, 7, StatsReport.Grouping.CURRENT, StatsReport.Bucket.WEEK, f,
                Figures.ZERO, List.of(new StatsReport.Group("AC", "AC", f, 2, 3)), List.of(new StatsReport.Group("S1", "S1", f, 1, 2)),
                List.of(new StatsReport.Bar(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), 4, 3, 1, new BigDecimal("0.001"),
                        new BigDecimal("0.01"))), heat, List.of(new StatsReport.Idle("S4", null, "+996700100002")));
    }

    private static JsonNode roundTrip(Statistics s) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(StatisticsJson.write(s)));
    }

    @Test
    void whatIsWrittenIsReadBackExactly() throws Exception {
        Statistics s = sample();
        Statistics back = StatisticsJson.read(roundTrip(s));
        assertEquals(s.from(), back.from());
        assertEquals(s.previousFrom(), back.previousFrom());
        assertEquals(s.ownerId(), back.ownerId());
        assertEquals(null, back.locationId());
        assertEquals(s.grouping(), back.grouping());
        assertEquals(s.bucket(), back.bucket());
        assertEquals(s.total(), back.total(), "money and energy to the last decimal");
        assertEquals(s.groups(), back.groups());
        assertEquals(s.stations(), back.stations());
        assertEquals(s.series(), back.series());
        assertTrue(java.util.Arrays.deepEquals(s.heat(), back.heat()));
        assertEquals(s.idle(), back.idle());
    }

    @Test
    void decimalsTravelPlainAndExact() throws Exception {
        Figures f = new Figures(1, 1, 0, 0, new BigDecimal("10.5000"), new BigDecimal("1500.0000"), 60, new BigDecimal("1500.0000"), 0, 0, 0, 0);
        Statistics s = sample();
        Statistics with = new Statistics(s.from(), s.to(), s.previousFrom(), s.asOf(), null, null, null, 7, s.grouping(), s.bucket(), f, f,
                List.of(), List.of(), List.of(), s.heat(), List.of());
        String wire = JSON.writeValueAsString(StatisticsJson.write(with));
        assertTrue(wire.contains("\"revenue\":1500.0000"), wire);
        Figures back = StatisticsJson.read(JSON.readTree(wire)).total();
        assertEquals("1500", back.revenue().toPlainString());
        assertEquals("10.5", back.energyKwh().toPlainString());
        // a reader without exact decimals (the console's mapper keeps them; another may not) still gets the same amount
        Figures lossy = StatisticsJson.read(new ObjectMapper().readTree(wire)).total();
        assertEquals("1500", lossy.revenue().toPlainString());
    }

    @Test
    void aShapeThatIsNotStatisticsIsRefusedNamingTheField() throws Exception {
        ObjectNode noRevenue = (ObjectNode) roundTrip(sample());
        ((ObjectNode) noRevenue.get("total")).remove("revenue");
        assertEquals("revenue: missing", assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(noRevenue)).getMessage());

        ObjectNode banana = (ObjectNode) roundTrip(sample());
        banana.put("group_by", "banana");
        assertEquals("group_by: unknown value banana", assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(banana)).getMessage());

        ObjectNode sixDays = (ObjectNode) roundTrip(sample());
        ((ArrayNode) sixDays.get("heat")).remove(6);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(sixDays)).getMessage().startsWith("heat:"));

        ObjectNode negative = (ObjectNode) roundTrip(sample());
        ((ObjectNode) negative.get("total")).put("sessions", -1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(negative)).getMessage().startsWith("sessions:"));

        ObjectNode textMoney = (ObjectNode) roundTrip(sample());
        ((ObjectNode) textMoney.get("total")).put("revenue", "12,50");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(textMoney)).getMessage().startsWith("revenue:"));

        ObjectNode badTime = (ObjectNode) roundTrip(sample());
        badTime.put("as_of", "yesterday");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StatisticsJson.read(badTime)).getMessage().startsWith("as_of:"));
    }
}
