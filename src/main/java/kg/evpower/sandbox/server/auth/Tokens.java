package kg.evpower.sandbox.server.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import kg.evpower.sandbox.server.store.Database;

/**
 * Mints and checks the {@code evp_access}/{@code evp_refresh} cookies exactly as production does (contract §2.3):
 * HS256 with the server secret, claims {@code sub, iat, exp, typ, iss=evpower-backend}, no role, no aud, no jti.
 * The secret is generated once per data directory and kept in the database.
 */
public final class Tokens {

    public static final String ISSUER = "evpower-backend";

    private final SecretKey key;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Supplier<Instant> clock;

    public Tokens(Database db, Duration accessTtl, Duration refreshTtl, Supplier<Instant> clock) {
        String secret = db.meta("secret_key");
        if (secret == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            secret = Base64.getEncoder().encodeToString(bytes);
            db.putMeta("secret_key", secret);
        }
        this.key = Keys.hmacShaKeyFor(Base64.getDecoder().decode(secret));
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    public Duration accessTtl() {
        return accessTtl;
    }

    public Duration refreshTtl() {
        return refreshTtl;
    }

    public String access(String subject) {
        return mint(subject, accessTtl, "access");
    }

    public String refresh(String subject) {
        return mint(subject, refreshTtl, "refresh");
    }

    private String mint(String subject, Duration ttl, String type) {
        long now = clock.get().getEpochSecond();
        return Jwts.builder()
                .subject(subject)
                .issuedAt(new Date(now * 1000))
                .expiration(new Date((now + ttl.toSeconds()) * 1000))
                .claim("typ", type)
                .issuer(ISSUER)
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** Verifies signature and expiry (not {@code typ}, like production's cookie path). Empty when invalid. */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Claims claims = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.get())).build()
                    .parseSignedClaims(token).getPayload();
            return Optional.of(claims);
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
