package kg.evpower.sandbox.server.push;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Voluntary application server identification for Web Push (RFC 8292): an ES256 JWT with the push service's origin
 * as audience, an expiry within 24 h and a contact subject, sent as {@code Authorization: vapid t=<jwt>, k=<public key>}.
 * The push-service side checks it with {@link #verify}.
 */
public final class Vapid {

    public static final Duration LIFETIME = Duration.ofHours(12);
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String subject;

    public Vapid(KeyPair keys, String subject) {
        this.privateKey = (ECPrivateKey) keys.getPrivate();
        this.publicKey = (ECPublicKey) keys.getPublic();
        this.subject = subject;
    }

    /** The public key as the browser's {@code applicationServerKey} takes it. */
    public String publicKeyB64() {
        return WebPushCrypto.b64(WebPushCrypto.raw(publicKey));
    }

    /** The push service's origin, the token's audience. */
    public static String audience(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    public String authorization(URI endpoint, Instant now) {
        String jwt = Jwts.builder().header().add("typ", "JWT").and().audience().add(audience(endpoint)).and()
                .expiration(Date.from(now.plus(LIFETIME))).subject(subject).signWith(privateKey, Jwts.SIG.ES256).compact();
        return "vapid t=" + jwt + ", k=" + publicKeyB64();
    }

    /** What a push service learns from a valid header. */
    public record Checked(String publicKey, String audience, String subject, Instant expires) {
    }

    /**
     * Checks an {@code Authorization: vapid} header as a push service does: the signature by the key it names, the
     * audience, an expiry in the future and no more than 24 h away.
     *
     * @throws IllegalArgumentException with the reason when it is not valid
     */
    public static Checked verify(String header, String expectedAudience, Instant now) {
        if (header == null || !header.startsWith("vapid ")) {
            throw new IllegalArgumentException("no vapid authorization");
        }
        String t = null;
        String k = null;
        for (String part : header.substring(6).split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                t = p.substring(2);
            } else if (p.startsWith("k=")) {
                k = p.substring(2);
            }
        }
        if (t == null || k == null) {
            throw new IllegalArgumentException("vapid authorization without t= or k=");
        }
        ECPublicKey key = WebPushCrypto.publicKey(WebPushCrypto.b64(k));
        Claims c;
        try {
            c = Jwts.parser().verifyWith(key).clock(() -> Date.from(now)).build().parseSignedClaims(t).getPayload();
        } catch (JwtException e) {
            throw new IllegalArgumentException("vapid token refused: " + e.getMessage(), e);
        }
        if (c.getAudience() == null || !c.getAudience().contains(expectedAudience)) {
            throw new IllegalArgumentException("vapid audience " + c.getAudience() + " is not " + expectedAudience);
        }
        if (c.getExpiration() == null || c.getExpiration().toInstant().isAfter(now.plus(Duration.ofHours(24)))) {
            throw new IllegalArgumentException("vapid expiry missing or more than 24 h away");
        }
        return new Checked(k, expectedAudience, c.getSubject(), c.getExpiration().toInstant());
    }
}
