package kg.evpower.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.sandbox.server.http.ApiError;
import kg.evpower.sandbox.server.http.Roles;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.Test;

/**
 * How long the gateway believes the backend about a token, against a sandbox that answers {@code /api/v1/profile} as
 * production does: at most 30 s, never past the token's own expiry; a deactivation is seen once that time is up; an
 * expired token is refused without asking the backend again; a logout revokes nothing, in production or here.
 */
class BackendCallersIT {

    @Test
    void theBackendsWordIsBelievedThirtySecondsAtMost_soADeactivationIsSeenThen() throws Exception {
        try (SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO))) {
            EvPowerClient operator = Sandboxes.loggedIn(s, "+996700201001");
            String token = operator.auth().sessionCookies().get("evp_access");
            AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
            BackendCallers callers = new BackendCallers(URI.create(s.baseUrl()), HttpClient.newHttpClient(), now::get);
            Roles.Caller before = callers.byToken(token);
            assertTrue(before.active());
            s.db().update("UPDATE users SET is_active = FALSE WHERE id = ?", before.id());
            now.set(now.get().plusSeconds(29));
            assertTrue(callers.byToken(token).active(), "still the answer of 29 s ago");
            now.set(now.get().plusSeconds(2));
            assertFalse(callers.byToken(token).active(), "asked again after 30 s: deactivated (each route then answers 403)");

            // production revokes nothing at logout: the token is the backend's to refuse, and it does not
            operator.auth().logout();
            now.set(now.get().plusSeconds(31));
            assertEquals(before.id(), callers.byToken(token).id());
        }
    }

    @Test
    void anExpiredTokenIsRefusedAtItsExpiry_withoutAskingTheBackendAgain() throws Exception {
        SandboxServer s = Sandboxes.start(Sandboxes.quiet().withOtpResend(Duration.ZERO).withTokenTtl(Duration.ofSeconds(3), Duration.ofDays(1)));
        String token;
        BackendCallers callers;
        try {
            token = Sandboxes.loggedIn(s, "+996700000001").auth().sessionCookies().get("evp_access");
            callers = new BackendCallers(URI.create(s.baseUrl()), HttpClient.newHttpClient(), Instant::now);
            assertEquals("superadmin", callers.byToken(token).role());
            Instant exp = BackendCallers.expiry(token);
            assertTrue(exp != null && exp.isBefore(Instant.now().plusSeconds(4)), "the JWT's own exp: " + exp);
            Thread.sleep(Duration.between(Instant.now(), exp).toMillis() + 200);
        } finally {
            s.close();
        }
        // the backend is gone: an answer of 401 (not 503, "could not ask") shows the gateway did not ask
        ApiError refused = assertThrows(ApiError.class, () -> callers.byToken(token));
        assertEquals(401, refused.status());
    }
}
