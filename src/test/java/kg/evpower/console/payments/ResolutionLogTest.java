package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolutions audit trail: survives a restart, keeps the history, and a crash's half line loses nothing else. */
class ResolutionLogTest {

    @TempDir
    Path dir;

    static final Finding DRIFT = new Finding(FindingClass.BALANCE_DRIFT, "c1", "client:c1", new BigDecimal("7.86"), null, List.of());
    static final Finding LATE = new Finding(FindingClass.PAID_NOT_CREDITED_LATE, "c2", "invoice:71", new BigDecimal("200.00"), null, List.of());

    @Test
    void decisionsSurviveARestartWithWhoWhenAndWhy() throws Exception {
        Path file = dir.resolve("sub/audit.jsonl");
        ResolutionLog log = new ResolutionLog(file);
        log.append(LATE, ResolutionLog.Action.RESOLVED, "+996700000001", "credited by adjustment #12", Instant.parse("2026-11-23T05:00:00Z"));
        log.append(LATE, ResolutionLog.Action.REOPENED, "+996700000002", "adjustment was reversed", Instant.parse("2026-11-23T06:00:00Z"));
        log.append(DRIFT, ResolutionLog.Action.RESOLVED, "+996700000001", "  checked by hand  ", Instant.parse("2026-11-23T07:00:00Z"));

        ResolutionLog.Loaded read = new ResolutionLog(file).load(); // a new instance: as after a restart
        assertFalse(read.resolved(LATE));
        assertEquals(2, read.of(LATE).size());
        assertEquals("+996700000002", read.latest(LATE).who());
        assertTrue(read.resolved(DRIFT));
        assertEquals("checked by hand", read.latest(DRIFT).note());
        assertEquals(Instant.parse("2026-11-23T07:00:00Z"), read.latest(DRIFT).at());
        // a drift that grew is a new finding, not the resolved one
        assertFalse(read.resolved(new Finding(FindingClass.BALANCE_DRIFT, "c1", "client:c1", new BigDecimal("9.00"), null, List.of())));
        assertThrows(IllegalArgumentException.class, () -> log.append(DRIFT, ResolutionLog.Action.REOPENED, "x", " ", Instant.now()));
    }

    @Test
    void aHalfWrittenLineIsSkippedAndTheNextDecisionStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        ResolutionLog log = new ResolutionLog(file);
        log.append(LATE, ResolutionLog.Action.RESOLVED, "a", "first", Instant.parse("2026-11-23T05:00:00Z"));
        Files.writeString(file, "{\"key\":\"BALANCE_DRIFT client:c1 7.86\",\"kind\":\"BALA", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.append(DRIFT, ResolutionLog.Action.RESOLVED, "b", "after the crash", Instant.parse("2026-11-23T06:00:00Z"));
        ResolutionLog.Loaded read = log.load();
        assertEquals(List.of(2), read.damagedLines());
        assertTrue(read.resolved(LATE));
        assertTrue(read.resolved(DRIFT));
        assertEquals("after the crash", read.latest(DRIFT).note());
    }
}
