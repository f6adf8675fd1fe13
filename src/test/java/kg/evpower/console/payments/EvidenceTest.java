package kg.evpower.console.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import kg.evpower.console.domain.BillingSession;
import kg.evpower.console.domain.LedgerEntry;
import kg.evpower.console.domain.StatementLine;
import kg.evpower.console.domain.Topup;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** Evidence lines are said in the operator's language, with som to the tyiyn and times in Bishkek. */
class EvidenceTest {

    private static final Instant T = Instant.parse("2026-11-20T06:30:00Z"); // 12:30 in Bishkek

    private static List<Evidence> every() {
        Topup topup = new Topup(7, "INV-7", "qr_topup_c_1", "c", new BigDecimal("250.5"), null, Topup.TopupStatus.CANCELED, T, null,
                T.plusSeconds(300));
        return List.of(
                Evidence.of(new LedgerEntry(1, "c", LedgerEntry.Type.BALANCE_TOPUP, new BigDecimal("100"), 7L, null, T)),
                Evidence.of(new LedgerEntry(2, "c", LedgerEntry.Type.CHARGE_REFUND, new BigDecimal("12.345"), null, "s-1", T)),
                Evidence.of(new LedgerEntry(3, "c", LedgerEntry.Type.ADMIN_ADJUSTMENT, new BigDecimal("-5"), null, null, T)),
                Evidence.of(topup), Evidence.newer(topup),
                Evidence.of(new StatementLine(12, "TX-1", "INV-7", "qr_topup_c_1", T, new BigDecimal("250.50"), null)),
                Evidence.of(new BillingSession("s-1", "c", "st", "stopped", T, T, new BigDecimal("7.250"), new BigDecimal("80"),
                        new BigDecimal("200"), true, "Stopped", T)),
                Evidence.of(new BillingSession("s-2", "c", "st", "stopped", T, null, null, null, new BigDecimal("200"), false, null, null)),
                Evidence.note("noSession"), Evidence.note("noCredit"), Evidence.note("paidNotRequested", new BigDecimal("1"), new BigDecimal("2")),
                Evidence.note("noStatementLine"), Evidence.note("noStatement"), Evidence.note("notInStatement"), Evidence.note("noTopup"),
                Evidence.note("balanceVsLedger", BigDecimal.ONE, BigDecimal.TEN),
                Evidence.note("drift", BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("-9")),
                Evidence.note("driftExplained", BigDecimal.ZERO, new BigDecimal("-9")));
    }

    @Test
    void everyLineIsSaidInEachLanguage() {
        for (String lang : List.of("ru", "en", "ky")) {
            Messages m = new Messages(lang);
            for (Evidence e : every()) {
                String s = e.text(m);
                assertFalse(s.contains("!recon."), lang + ": no text for " + e.key());
                assertFalse(s.contains("{"), lang + ": unfilled " + s);
            }
        }
    }

    @Test
    void moneyToTheTyiynTimesInBishkekUnknownAsDash() {
        Messages ru = new Messages("ru");
        List<Evidence> all = every();
        assertEquals("Проводка #2 (charge_refund) 12.35 сом, 2026-11-20 12:30:00, сессия s-1", all.get(1).text(ru));
        assertEquals("Пополнение #7, счёт INV-7, статус canceled: запрошено 250.50 сом, оплачено — сом, создано 2026-11-20 12:30:00,"
                + " истекает 2026-11-20 12:35:00", all.get(3).text(ru));
        assertEquals("Ledger #1 (balance_topup) 100.00 som, 2026-11-20 12:30:00, topup #7", all.get(0).text(new Messages("en")));
        assertTrue(all.get(7).text(ru).endsWith("OCPP — —, не обработана"), all.get(7).text(ru));
        // two sources that read the same amount at different scales give equal evidence
        assertEquals(Evidence.note("noTopup"), Evidence.note("noTopup"));
        assertEquals(Evidence.note("balanceVsLedger", new BigDecimal("1.0"), BigDecimal.TEN),
                Evidence.note("balanceVsLedger", new BigDecimal("1.000"), new BigDecimal("10.00")));
        assertTrue(all.get(5).statementRow());
        assertFalse(all.get(3).statementRow());
    }

    @Test
    void onScreenTheNumbersReadAsTheLanguageWritesThem() {
        Messages ru = new Messages("ru");
        kg.evpower.console.fx.Formats f = new kg.evpower.console.fx.Formats(ru);
        List<Evidence> all = every();
        assertEquals("Проводка #2 (charge_refund) 12,35 сом, 2026-11-20 12:30:00, сессия s-1", all.get(1).text(ru, f::exact));
        String drift = Evidence.note("drift", new BigDecimal("1105.18"), new BigDecimal("0.00"), new BigDecimal("-1105.18")).text(ru, f::exact);
        assertTrue(drift.replace('\u00a0', ' ').replace('\u202f', ' ').contains("1 105,18"), drift);
        assertTrue(drift.contains("0,00"), drift);
        assertFalse(drift.contains("1105.18"), drift);
        Messages en = new Messages("en");
        assertTrue(Evidence.note("drift", new BigDecimal("1105.18"), BigDecimal.ZERO, BigDecimal.ONE)
                .text(en, new kg.evpower.console.fx.Formats(en)::exact).contains("1,105.18"));
    }
}
