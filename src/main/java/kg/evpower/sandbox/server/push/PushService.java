package kg.evpower.sandbox.server.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's Web Push (contract §3.7, §8): a VAPID key pair generated once per data directory, subscriptions per
 * user and endpoint, and a sender that encrypts each message for its subscription (RFC 8291), signs a VAPID token for
 * the push service (RFC 8292) and POSTs it with a TTL. A 404 or 410 from the push service removes the subscription
 * and a success updates {@code last_used_at}, as production does. Sends run on their own small pool, never on a
 * request thread that holds a database transaction.
 */
public final class PushService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
    /** Production's {@code PUSH_TTL}. */
    public static final int TTL_SECONDS = 86_400;
    public static final String SUBJECT = "mailto:noreply@evpower.kg";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Supplier<Instant> clock;
    private final Vapid vapid;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "sandbox-push-sender");
        t.setDaemon(true);
        return t;
    });

    /**
     * What the sender writes back after a delivery. The sandbox: {@code last_used_at} on success and the row deleted on
     * 404/410, as production's {@code push_service.py}. The operator gateway reads production through a role that cannot
     * write: nothing, or at most the deletion where its role was granted it.
     */
    public interface Writes {
        void used(String subscriptionId, Instant at);

        /** Deletes a subscription the push service says is gone; false when this server may not. */
        boolean remove(String subscriptionId);
    }

    /** {@code gone}: the push service said 404/410 and the server may not delete the row (an operator gateway). */
    public static final String GONE = "gone";

    private final Writes writes;

    public PushService(Database db, Supplier<Instant> clock) {
        this.db = db;
        this.clock = clock;
        this.vapid = new Vapid(keys(db), SUBJECT);
        this.writes = new Writes() {
            @Override
            public void used(String id, Instant at) {
                db.update("UPDATE push_subscriptions SET last_used_at = ? WHERE id = ?", at, id);
            }

            @Override
            public boolean remove(String id) {
                db.update("DELETE FROM push_subscriptions WHERE id = ?", id);
                return true;
            }
        };
    }

    /** Production's subscriptions read from {@code db}, sent with production's VAPID keys, written back only through {@code writes}. */
    public PushService(Database db, Supplier<Instant> clock, KeyPair vapidKeys, String subject, Writes writes) {
        this.db = db;
        this.clock = clock;
        this.vapid = new Vapid(vapidKeys, subject);
        this.writes = writes;
    }

    /** The data directory's VAPID key pair, made on first use. */
    private static KeyPair keys(Database db) {
        String priv = db.meta("vapid_private_key");
        if (priv == null) {
            KeyPair k = WebPushCrypto.newKeyPair();
            db.putMeta("vapid_private_key", WebPushCrypto.b64(WebPushCrypto.raw((ECPrivateKey) k.getPrivate())));
            db.putMeta("vapid_public_key", WebPushCrypto.b64(WebPushCrypto.raw((ECPublicKey) k.getPublic())));
            return k;
        }
        ECPrivateKey p = WebPushCrypto.privateKey(WebPushCrypto.b64(priv));
        ECPublicKey q = WebPushCrypto.publicKey(WebPushCrypto.b64(db.meta("vapid_public_key")));
        return new KeyPair(q, p);
    }

    public String publicKey() {
        return vapid.publicKeyB64();
    }

    /** One row of {@code push_subscriptions}. */
    public record Subscription(String id, String userId, String userType, String endpoint, String p256dh, String auth, String userAgent,
                               Instant created, Instant lastUsed) {

        public String host() {
            URI u = URI.create(endpoint);
            return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        }
    }

    private static final String COLUMNS = "id, user_id, user_type, endpoint, p256dh_key, auth_key, user_agent, created_at, last_used_at";

    private static Subscription row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), Database.instant(rs, "created_at"), Database.instant(rs, "last_used_at"));
    }

    public List<Subscription> subscriptions(String userId, String userType) {
        return db.query("SELECT " + COLUMNS + " FROM push_subscriptions WHERE user_id = ?" + (userType == null ? "" : " AND user_type = ?")
                + " ORDER BY created_at, id", PushService::row, userType == null ? new Object[] {userId} : new Object[] {userId, userType});
    }

    public List<Subscription> all() {
        return db.query("SELECT " + COLUMNS + " FROM push_subscriptions ORDER BY id", PushService::row);
    }

    public Optional<Subscription> subscription(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM push_subscriptions WHERE id = ?", PushService::row, id);
    }

    /** What subscribing did: the row's id and whether it was new. */
    public record Subscribed(String id, boolean created) {
    }

    /** Production's upsert on (user, endpoint). */
    public Subscribed subscribe(String userId, String userType, String endpoint, String p256dh, String auth, String userAgent) {
        Instant now = clock.get();
        return db.tx(c -> {
            List<String> existing = Database.query(c, "SELECT id FROM push_subscriptions WHERE user_id = ? AND endpoint = ? FOR UPDATE",
                    rs -> rs.getString(1), userId, endpoint);
            if (!existing.isEmpty()) {
                Database.update(c, "UPDATE push_subscriptions SET user_type = ?, p256dh_key = ?, auth_key = ?, user_agent = ?, updated_at = ?"
                        + " WHERE id = ?", userType, p256dh, auth, userAgent, now, existing.get(0));
                return new Subscribed(existing.get(0), false);
            }
            String id = UUID.randomUUID().toString();
            Database.update(c, "INSERT INTO push_subscriptions (id, user_id, user_type, endpoint, p256dh_key, auth_key, user_agent, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, userId, userType, endpoint, p256dh, auth, userAgent, now, now);
            return new Subscribed(id, true);
        });
    }

    /** Deletes the caller's own row for the endpoint; empty when there was none. */
    public boolean unsubscribe(String userId, String endpoint) {
        return db.update("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?", userId, endpoint) > 0;
    }

    /** The JSON a service worker receives (contract §8.2). */
    public static String payload(String title, String body, Map<String, Object> data, String tag, boolean requireInteraction) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", title);
        p.put("body", body);
        p.put("icon", "/logo-192.png");
        p.put("badge", "/logo-96.png");
        p.put("data", data == null ? Map.of() : data);
        if (tag != null) {
            p.put("tag", tag);
        }
        if (requireInteraction) {
            p.put("requireInteraction", true);
        }
        try {
            return JSON.writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * How one delivery went: {@code delivered}, {@code removed} (404/410, the subscription deleted), {@code gone} (404/410,
     * left for production to delete) or {@code failed}.
     */
    public record Result(String subscriptionId, String endpointHost, int status, String outcome, long latencyMs, String error) {
    }

    /** Sends one message to one subscription, now, on the caller's thread. */
    public Result send(Subscription s, String payload) {
        long t0 = System.nanoTime();
        URI endpoint;
        try {
            endpoint = URI.create(s.endpoint());
        } catch (IllegalArgumentException e) {
            return new Result(s.id(), s.endpoint(), 0, "failed", 0, "bad endpoint: " + e.getMessage());
        }
        try {
            byte[] body = WebPushCrypto.encrypt(payload.getBytes(StandardCharsets.UTF_8), WebPushCrypto.b64(s.p256dh()), WebPushCrypto.b64(s.auth()));
            HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/octet-stream").header("Content-Encoding", "aes128gcm")
                    .header("TTL", Integer.toString(TTL_SECONDS)).header("Urgency", "normal")
                    .header("Authorization", vapid.authorization(endpoint, clock.get()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int code = r.statusCode();
            if (code >= 200 && code < 300) {
                writes.used(s.id(), clock.get());
                return new Result(s.id(), s.host(), code, "delivered", ms, null);
            }
            if (code == 404 || code == 410) {
                if (writes.remove(s.id())) {
                    return new Result(s.id(), s.host(), code, "removed", ms, r.body());
                }
                // the row to delete, named; that this server may not delete it is what the outcome says
                return new Result(s.id(), s.host(), code, GONE, ms, "push_subscriptions " + s.id()
                        + (r.body() == null || r.body().isBlank() ? "" : " (" + r.body().strip() + ")"));
            }
            return new Result(s.id(), s.host(), code, "failed", ms, r.body());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Result(s.id(), s.host(), 0, "failed", (System.nanoTime() - t0) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(s.id(), s.host(), 0, "failed", (System.nanoTime() - t0) / 1_000_000, "interrupted");
        }
    }

    /** Sends to every subscription at once; the results in the subscriptions' order. */
    public List<Result> sendAll(List<Subscription> subs, String payload) {
        List<CompletableFuture<Result>> running = new ArrayList<>();
        for (Subscription s : subs) {
            running.add(CompletableFuture.supplyAsync(() -> send(s, payload), senders));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** An owner event (contract §8.3) to every owner-typed subscription of the user, in the background. */
    public void notifyOwner(String ownerId, String payload) {
        if (ownerId == null) {
            return;
        }
        List<Subscription> subs;
        try {
            subs = subscriptions(ownerId, "owner");
        } catch (RuntimeException e) {
            LOG.warn("owner push to {} failed: {}", ownerId, e.toString());
            return;
        }
        // one task per delivery: a task that submitted to this pool and waited would starve it under a burst of events
        for (Subscription s : subs) {
            senders.execute(() -> {
                Result r = send(s, payload);
                if (!"delivered".equals(r.outcome())) {
                    LOG.debug("owner push to {} {}: {} {}", ownerId, r.endpointHost(), r.status(), r.outcome());
                }
            });
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
