package kg.evpower.sandbox.server.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTP codes as production makes them (contract §2.2): random 6 digits, 5-minute TTL, 3 attempts, one code per
 * phone per 60 s, stored in {@code otp_codes}. Instead of WhatsApp the code goes to the sandbox log and to
 * {@code GET /_sandbox/otp}.
 */
public final class OtpService {

    private static final Logger LOG = LoggerFactory.getLogger(OtpService.class);

    public record Result(boolean ok, String message, int waitSeconds) {
    }

    private final Database db;
    private final Supplier<Instant> clock;
    private final Duration ttl;
    private final Duration resendAfter;
    private final int maxAttempts;
    private final SecureRandom random = new SecureRandom();

    public OtpService(Database db, Supplier<Instant> clock, Duration ttl, Duration resendAfter, int maxAttempts) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        this.resendAfter = resendAfter;
        this.maxAttempts = maxAttempts;
    }

    /** Production's normalisation: keep digits and '+', prefix '+' when missing. */
    public static String normalize(String phone) {
        StringBuilder sb = new StringBuilder();
        for (char ch : phone.toCharArray()) {
            if (Character.isDigit(ch) || ch == '+') {
                sb.append(ch);
            }
        }
        if (sb.length() == 0 || sb.charAt(0) != '+') {
            sb.insert(0, '+');
        }
        return sb.toString();
    }

    /** Seconds until another code may be sent to this phone (0 when it may be sent now). */
    public int waitSeconds(String phone) {
        Optional<Instant> last = db.queryOne("SELECT created_at FROM otp_codes WHERE phone = ? ORDER BY created_at DESC LIMIT 1",
                rs -> Database.instant(rs, "created_at"), phone);
        if (last.isEmpty()) {
            return 0;
        }
        double elapsed = Duration.between(last.get(), clock.get()).toMillis() / 1000.0;
        double limit = resendAfter.toMillis() / 1000.0;
        return elapsed < limit ? (int) (limit - elapsed) : 0;
    }

    public Result send(String phone) {
        int wait = waitSeconds(phone);
        if (wait > 0) {
            return new Result(false, "Подождите " + wait + " секунд перед повторной отправкой", wait);
        }
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(random.nextInt(10));
        }
        Instant now = clock.get();
        db.update("INSERT INTO otp_codes (phone, code, purpose, attempts, max_attempts, expires_at, created_at) VALUES (?,?,?,?,?,?,?)",
                phone, code.toString(), "auth", 0, maxAttempts, now.plus(ttl), now);
        LOG.info("[OTP] sandbox code for {}: {} (valid {} s; WhatsApp is not used in the sandbox)", phone, code, ttl.toSeconds());
        // The sandbox has no WhatsApp: production's message when delivery could not be confirmed.
        return new Result(true, "Код создан (проверьте WhatsApp)", 0);
    }

    /** Checks a code, counting the attempt; messages are production's. */
    public Result verify(String phone, String code) {
        return db.tx(c -> {
            var rows = Database.query(c, "SELECT id, code, attempts, max_attempts FROM otp_codes WHERE phone = ? AND purpose = 'auth'"
                            + " AND verified_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)}, phone, clock.get());
            if (rows.isEmpty()) {
                return new Result(false, "Код не найден или истек. Запросите новый код.", 0);
            }
            Object[] row = rows.get(0);
            long id = (Long) row[0];
            int attempts = (Integer) row[2];
            int max = (Integer) row[3];
            if (attempts >= max) {
                return new Result(false, "Превышено количество попыток. Запросите новый код.", 0);
            }
            Database.update(c, "UPDATE otp_codes SET attempts = attempts + 1 WHERE id = ?", id);
            if (!row[1].equals(code)) {
                int remaining = max - attempts - 1;
                return new Result(false, remaining > 0 ? "Неверный код. Осталось попыток: " + remaining
                        : "Неверный код. Превышено количество попыток.", 0);
            }
            Database.update(c, "UPDATE otp_codes SET verified_at = ? WHERE id = ?", clock.get(), id);
            return new Result(true, "Код подтвержден", 0);
        });
    }

    /** The newest code still valid for the phone (sandbox only). */
    public Optional<String> latestCode(String phone) {
        return db.queryOne("SELECT code FROM otp_codes WHERE phone = ? AND verified_at IS NULL AND expires_at > ?"
                + " ORDER BY created_at DESC LIMIT 1", rs -> rs.getString(1), phone, clock.get());
    }
}
