package kg.evpower.sandbox.world.push;

import kg.evpower.sandbox.server.push.PushService;
import kg.evpower.sandbox.server.push.Vapid;
import kg.evpower.sandbox.server.push.WebPushCrypto;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import kg.evpower.sandbox.server.store.Database;

/**
 * The simulated owners' devices and the push services they are subscribed through, inside the sandbox: each device
 * has a real P-256 key pair and auth secret (its browser's), its subscription's endpoint points here
 * ({@code /_sandbox/push-service/{service}/{device}}), and a message POSTed there is checked as a push service checks it (VAPID
 * token, content coding, TTL), decrypted with the device's private key and recorded. Each device can be told to
 * answer 201, 404, 410, 429 or 500, or to be slow, so every outcome of a send can be shown.
 */
public final class PushEmulator {

    /** The answers a device can be set to give. */
    public static final Set<Integer> ANSWERS = Set.of(201, 404, 410, 429, 500);
    public static final String PATH = "/_sandbox/push-service/";
    private static final String[][] BROWSERS = {
        {"fcm", "Chrome на Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"},
        {"mozilla", "Firefox на Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"},
        {"apple", "Safari на iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"},
        {"fcm", "Chrome на Android", "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"},
    };

    private final Database db;
    private final PushService push;
    private final Supplier<Instant> clock;
    private volatile String base;

    public PushEmulator(Database db, PushService push, Supplier<Instant> clock) {
        this.db = db;
        this.push = push;
        this.clock = clock;
    }

    /** A device as the emulator knows it. */
    public record Device(String id, String service, String label, String privateKey, String publicKey, String auth, int answer, int delayMs) {
    }

    private static Device device(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                rs.getInt(8));
    }

    private static final String COLUMNS = "id, service, label, private_key, public_key, auth_secret, answer, delay_ms";

    public Optional<Device> find(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM sandbox_push_devices WHERE id = ?", PushEmulator::device, id);
    }

    public List<Device> devices() {
        return db.query("SELECT " + COLUMNS + " FROM sandbox_push_devices ORDER BY created_at, id", PushEmulator::device);
    }

    /**
     * Points the emulator at the server's address (which changes from run to run) and moves the endpoints of the
     * subscriptions it serves there, as a browser re-subscribes when its push service moves; on a fresh database, gives
     * every owner one to three devices (one of them also subscribed as a client, contract §8.4) and staff a device.
     */
    public void start(String baseUrl, long seed) {
        this.base = baseUrl;
        for (String[] row : db.query("SELECT id, endpoint FROM push_subscriptions WHERE endpoint LIKE ?", rs -> new String[] {rs.getString(1),
                rs.getString(2)}, "%" + PATH + "%")) {
            String path = row[1].substring(row[1].indexOf(PATH));
            db.update("UPDATE push_subscriptions SET endpoint = ? WHERE id = ?", baseUrl + path, row[0]);
        }
        if (db.meta("push_devices_seeded") != null) {
            return;
        }
        Random rnd = new Random(seed ^ 0x9054L);
        List<String[]> users = db.query("SELECT id, role FROM users WHERE is_active = TRUE ORDER BY created_at, id",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
        int owners = 0;
        for (String[] u : users) {
            if ("admin".equals(u[1])) {
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String[] b = BROWSERS[(owners + i) % BROWSERS.length];
                    Device d = subscribeNew(u[0], "owner", b[0], b[1], b[2]);
                    if (i == 0 && owners % 2 == 0) {
                        push.subscribe(u[0], "client", endpoint(d), d.publicKey(), d.auth(), b[2]);
                    }
                }
                owners++;
            } else if ("superadmin".equals(u[1])) {
                subscribeNew(u[0], "client", BROWSERS[0][0], BROWSERS[0][1], BROWSERS[0][2]);
            }
        }
        db.putMeta("push_devices_seeded", clock.get().toString());
    }

    private String endpoint(Device d) {
        return base + PATH + d.service() + "/" + d.id();
    }

    /** A new browser on this push service, its keys made and kept here, subscribed for the user as a browser does. */
    public Device subscribeNew(String userId, String userType, String service, String label, String userAgent) {
        KeyPair k = WebPushCrypto.newKeyPair();
        Device d = new Device(UUID.randomUUID().toString(), service, label, WebPushCrypto.b64(WebPushCrypto.raw((ECPrivateKey) k.getPrivate())),
                WebPushCrypto.b64(WebPushCrypto.raw((ECPublicKey) k.getPublic())), WebPushCrypto.b64(WebPushCrypto.randomBytes(16)), 201, 0);
        db.update("INSERT INTO sandbox_push_devices (id, service, label, private_key, public_key, auth_secret, created_at) VALUES (?,?,?,?,?,?,?)",
                d.id(), d.service(), d.label(), d.privateKey(), d.publicKey(), d.auth(), clock.get());
        push.subscribe(userId, userType, endpoint(d), d.publicKey(), d.auth(), userAgent);
        return d;
    }

    public boolean setAnswer(String deviceId, int answer, int delayMs) {
        if (!ANSWERS.contains(answer) || delayMs < 0 || delayMs > 60_000) {
            throw new IllegalArgumentException("answer is one of " + ANSWERS + " and delay_ms within 0..60000");
        }
        return db.update("UPDATE sandbox_push_devices SET answer = ?, delay_ms = ? WHERE id = ?", answer, delayMs, deviceId) > 0;
    }

    /** A message as the device got it (or was refused). */
    public record Message(long id, String deviceId, Instant at, int answered, Integer ttl, String urgency, String vapidSubject, String payload,
                          String problem) {
    }

    public List<Message> messages(String deviceId) {
        return db.query("SELECT id, device_id, received_at, answered, ttl, urgency, vapid_subject, payload, problem FROM sandbox_push_messages"
                + " WHERE device_id = ? ORDER BY id", rs -> new Message(rs.getLong(1), rs.getString(2), Database.instant(rs, "received_at"),
                rs.getInt(4), (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), deviceId);
    }

    /** The push service's answer to a POST. */
    public record Answer(int status, String body, Long messageId) {
    }

    /**
     * A push message arriving for {@code deviceId}: refused when the device is unknown (404), when the request is not a
     * Web Push message (400) or its VAPID token is not valid (403); otherwise answered as the device is set to, and,
     * when accepted, decrypted and recorded.
     */
    public Answer receive(String deviceId, String authorization, String encoding, String ttl, String urgency, byte[] body) {
        Optional<Device> found = find(deviceId);
        if (found.isEmpty()) {
            return new Answer(404, "{\"error\":\"no such subscription\"}", null);
        }
        Device d = found.get();
        Instant now = clock.get();
        Integer ttlValue = null;
        String problem = null;
        String subject = null;
        int status;
        try {
            if (!"aes128gcm".equalsIgnoreCase(encoding)) {
                throw new Refused(400, "Content-Encoding must be aes128gcm, not " + encoding);
            }
            try {
                ttlValue = Integer.parseInt(ttl == null ? "" : ttl.trim());
            } catch (NumberFormatException e) {
                throw new Refused(400, "a TTL header is required");
            }
            Vapid.Checked checked;
            try {
                checked = Vapid.verify(authorization, Vapid.audience(URI.create(base)), now);
            } catch (IllegalArgumentException e) {
                throw new Refused(403, e.getMessage());
            }
            // as FCM and Mozilla's service: signed by another key than the one the browser subscribed with is refused
            if (!checked.publicKey().equals(push.publicKey())) {
                throw new Refused(403, "the VAPID key is not the application server key this subscription was made with");
            }
            subject = checked.subject();
            status = d.answer();
        } catch (Refused r) {
            status = r.status;
            problem = r.getMessage();
        }
        if (d.delayMs() > 0) {
            try {
                Thread.sleep(d.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String payload = null;
        if (status == 201) {
            try {
                payload = new String(WebPushCrypto.decrypt(body, WebPushCrypto.privateKey(WebPushCrypto.b64(d.privateKey())),
                        WebPushCrypto.b64(d.publicKey()), WebPushCrypto.b64(d.auth())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                status = 400;
                problem = "cannot decrypt: " + e.getMessage();
            }
        } else if (problem == null) {
            problem = "device set to answer " + status;
        }
        Object[] row = {deviceId, now, status, ttlValue, urgency, subject, payload, problem};
        long id = db.tx(c -> Database.insert(c, "INSERT INTO sandbox_push_messages (device_id, received_at, answered, ttl, urgency,"
                + " vapid_subject, payload, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row));
        return new Answer(status, status == 201 ? "" : "{\"error\":\"" + problem.replace("\"", "'") + "\"}", status == 201 ? id : null);
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
