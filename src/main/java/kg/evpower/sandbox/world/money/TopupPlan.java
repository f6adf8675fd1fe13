package kg.evpower.sandbox.world.money;

import kg.evpower.sandbox.server.charging.Defect;
import kg.evpower.sandbox.server.charging.MoneyMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;

/**
 * What one client does with a QR topup, drawn at the mode's rates: pays it in time, pays it in the last seconds after
 * the monitor's last check, asks for a second QR and then pays the first (cancelled) one, or never pays. Shared by the
 * history replay and the live traffic, so both produce the same mix.
 *
 * @param amount   som asked for
 * @param secondQr when set, a second QR for the same amount is asked for this long after the first
 * @param pay      when set, the first QR is paid this long after it was created; empty for an abandoned QR
 */
public record TopupPlan(BigDecimal amount, Duration secondQr, Duration pay) {

    private static final BigDecimal[] AMOUNTS = {new BigDecimal("100"), new BigDecimal("200"), new BigDecimal("300"), new BigDecimal("500"),
        new BigDecimal("750"), new BigDecimal("1000"), new BigDecimal("1500"), new BigDecimal("2000"), new BigDecimal("250.50")};

    public static TopupPlan draw(Random rnd, MoneyMode mode) {
        BigDecimal amount = AMOUNTS[rnd.nextInt(AMOUNTS.length)];
        double r = rnd.nextDouble();
        double oldQr = mode.rate(Defect.PAID_OLD_QR);
        double late = oldQr + mode.rate(Defect.PAID_LATE);
        double abandon = late + mode.rate(Defect.STUCK_PROCESSING);
        if (r < oldQr) {
            // a second QR cancels the first locally; the client then pays the first one
            Duration second = Duration.ofSeconds(30 + rnd.nextInt(60));
            return new TopupPlan(amount, second, second.plusSeconds(5 + rnd.nextInt(55)));
        }
        if (r < late) {
            // paid in the last seconds, after the monitor's last check
            return new TopupPlan(amount, null, Duration.ofSeconds(287 + rnd.nextInt(12)));
        }
        if (r >= abandon) {
            return new TopupPlan(amount, null, Duration.ofSeconds(20 + rnd.nextInt(180)));
        }
        return new TopupPlan(amount, null, null);
    }
}
