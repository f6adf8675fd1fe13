package kg.evpower.sandbox.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kg.evpower.sandbox.server.auth.Tokens;

/**
 * CSRF tokens bound to the session they were given to, with production's wire shape kept (the {@code XSRF-TOKEN}
 * cookie, the {@code X-CSRF-Token} header, {@code csrf_token} in {@code /auth/csrf}'s answer): a token is a random
 * nonce and an HMAC of it with the session's user, under a key this server made at start. Production only compares
 * the header with the cookie, so an attacker who can plant a cookie (a sibling subdomain) chooses both; here an equal
 * pair the server did not mint for this user, or an empty one, is refused. A token minted before sign-in is bound to
 * no one and stops working with a session, as a careful server's would.
 */
public final class CsrfTokens {

    private static final HexFormat HEX = HexFormat.of();
    private final Tokens tokens;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public CsrfTokens(Tokens tokens) {
        this.tokens = tokens;
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** The user the request's session cookies prove (the access cookie, else the refresh cookie); "" without a session. */
    public String subject(Context ctx) {
        for (String name : new String[] {"evp_access", "evp_refresh"}) {
            String sub = tokens.verify(ctx.cookie(name)).map(c -> c.getSubject()).orElse(null);
            if (sub != null) {
                return sub;
            }
        }
        return "";
    }

    public String mint(String subject) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String n = HEX.formatHex(nonce);
        return n + "." + HEX.formatHex(mac(n, subject));
    }

    /** Whether {@code token} was minted by this server for {@code subject}. */
    public boolean valid(String token, String subject) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(token.substring(0, dot), subject));
    }

    /** The double submit: header and cookie present, not empty, equal, and minted for this request's user. */
    public boolean accepts(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        String cookie = ctx.cookie("XSRF-TOKEN");
        if (header == null || cookie == null || header.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))
                && valid(cookie, subject(ctx));
    }

    private byte[] mac(String nonce, String subject) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            m.update(nonce.getBytes(StandardCharsets.US_ASCII));
            m.update((byte) 0);
            return m.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
