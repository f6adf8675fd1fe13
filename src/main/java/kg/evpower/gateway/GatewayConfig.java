package kg.evpower.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * How the operator gateway is started: its port, production's PostgreSQL (a JDBC or {@code postgres://} URL, a role,
 * its password from the environment or a file only its user can read — never from the command line, where {@code ps}
 * shows it), production's Redis, and the backend whose {@code /api/v1/profile} says who calls.
 */
public record GatewayConfig(int port, String pgUrl, String pgUser, char[] pgPassword, URI redis, URI backend, boolean allowWritableRole,
                            Path dataDir, java.time.Duration commandWait, java.security.KeyPair vapid, String vapidSubject, Odengi odengi) {

    /**
     * Production's O!Dengi merchant (its {@code ODENGI_API_URL} — or {@code ODENGI_PRODUCTION_API_URL} — {@code ODENGI_MERCHANT_ID}
     * and {@code ODENGI_PASSWORD}), for the provider recheck; null without them.
     */
    public record Odengi(URI url, String merchantId, char[] password) {
        @Override
        public String toString() {
            return "O!Dengi " + url.getHost() + " as " + merchantId;
        }
    }

    public static final String ODENGI_URL_ENV = "EVPOWER_GATEWAY_ODENGI_URL";
    public static final String ODENGI_MERCHANT_ENV = "EVPOWER_GATEWAY_ODENGI_MERCHANT_ID";
    public static final String ODENGI_PASSWORD_ENV = "EVPOWER_GATEWAY_ODENGI_PASSWORD";

    /** The environment variable the database password is read from when no file is named. */
    public static final String PASSWORD_ENV = "EVPOWER_GATEWAY_PG_PASSWORD";
    /**
     * Production's VAPID keys, in production's own format (its {@code VAPID_PRIVATE_KEY}: base64url PKCS#8 DER, or the
     * raw 32-byte scalar; {@code VAPID_PUBLIC_KEY}: base64url uncompressed point) and subject. Without them the owner push
     * test is not served.
     */
    public static final String VAPID_PRIVATE_ENV = "EVPOWER_GATEWAY_VAPID_PRIVATE_KEY";
    public static final String VAPID_PUBLIC_ENV = "EVPOWER_GATEWAY_VAPID_PUBLIC_KEY";
    public static final String VAPID_SUBJECT_ENV = "EVPOWER_GATEWAY_VAPID_SUBJECT";

    /** The environment variable Redis's password is read from (rather than the URL, which {@code ps} shows). */
    public static final String REDIS_PASSWORD_ENV = "EVPOWER_GATEWAY_REDIS_PASSWORD";

    /** A start the gateway refuses, in words for the administrator. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    public static final String USAGE = "usage: GatewayServer --pg-url URL --pg-user ROLE --backend URL [--port 8090] [--redis redis://HOST:PORT]\n"
            + "                     [--pg-password-file FILE] [--allow-writable-role] [--data-dir DIR] [--command-wait SECONDS]\n"
            + "  the role's password: the file (readable by its owner only), else $" + PASSWORD_ENV + "\n"
            + "  Redis's password: $" + REDIS_PASSWORD_ENV + "\n"
            + "  production's VAPID keys (owner push test): $" + VAPID_PRIVATE_ENV + ", $" + VAPID_PUBLIC_ENV + " [, $" + VAPID_SUBJECT_ENV + "]\n"
            + "  production's O!Dengi merchant (provider recheck): $" + ODENGI_URL_ENV + ", $" + ODENGI_MERCHANT_ENV + ", $" + ODENGI_PASSWORD_ENV + "\n"
            + "  --data-dir: the gateway's own audit trail of commands (default $STATE_DIRECTORY, else ~/.local/share/evpower-gateway)";

    /** Reads {@code args}; the password from {@code --pg-password-file} or {@code env}. */
    public static GatewayConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> a = new java.util.HashMap<>();
        boolean allowWritable = false;
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (k.equals("--allow-writable-role")) {
                allowWritable = true;
            } else if (k.startsWith("--") && i + 1 < args.length && Set.of("--port", "--pg-url", "--pg-user", "--pg-password-file", "--redis",
                    "--backend", "--data-dir", "--command-wait").contains(k)) {
                a.put(k.substring(2), args[++i]);
            } else {
                throw new Refused("unknown or incomplete argument: " + k + "\n" + USAGE);
            }
        }
        for (String required : new String[] {"pg-url", "pg-user", "backend"}) {
            if (!a.containsKey(required)) {
                throw new Refused("--" + required + " is required\n" + USAGE);
            }
        }
        int port;
        try {
            port = Integer.parseInt(a.getOrDefault("port", "8090"));
        } catch (NumberFormatException e) {
            throw new Refused("--port must be a number: " + a.get("port"));
        }
        char[] password = a.containsKey("pg-password-file") ? passwordFile(Path.of(a.get("pg-password-file")))
                : env.containsKey(PASSWORD_ENV) ? env.get(PASSWORD_ENV).toCharArray() : null;
        if (password == null) {
            throw new Refused("no database password: give --pg-password-file or set " + PASSWORD_ENV);
        }
        URI backend = uri(a.get("backend"), "--backend");
        URI redis = a.containsKey("redis") ? uri(a.get("redis"), "--redis") : null;
        if (redis != null && env.containsKey(REDIS_PASSWORD_ENV)) {
            redis = URI.create(redis.getScheme() + "://:" + java.net.URLEncoder.encode(env.get(REDIS_PASSWORD_ENV), StandardCharsets.UTF_8) + "@"
                    + redis.getHost() + ":" + (redis.getPort() < 0 ? 6379 : redis.getPort()) + (redis.getRawPath() == null ? "" : redis.getRawPath()));
        }
        String state = env.get("STATE_DIRECTORY");
        Path dataDir = a.containsKey("data-dir") ? Path.of(a.get("data-dir"))
                : state != null && !state.isBlank() ? Path.of(state.split(":")[0])
                : Path.of(System.getProperty("user.home"), ".local", "share", "evpower-gateway");
        java.time.Duration wait;
        try {
            wait = java.time.Duration.ofMillis(Math.round(Double.parseDouble(a.getOrDefault("command-wait", "20")) * 1000));
        } catch (NumberFormatException e) {
            throw new Refused("--command-wait must be seconds: " + a.get("command-wait"));
        }
        java.security.KeyPair vapid = vapid(env.get(VAPID_PRIVATE_ENV), env.get(VAPID_PUBLIC_ENV));
        String subject = env.getOrDefault(VAPID_SUBJECT_ENV, "mailto:noreply@evpower.kg");
        Odengi odengi = null;
        if (env.containsKey(ODENGI_URL_ENV) || env.containsKey(ODENGI_MERCHANT_ENV) || env.containsKey(ODENGI_PASSWORD_ENV)) {
            if (!env.containsKey(ODENGI_URL_ENV) || !env.containsKey(ODENGI_MERCHANT_ENV) || !env.containsKey(ODENGI_PASSWORD_ENV)) {
                throw new Refused("give " + ODENGI_URL_ENV + ", " + ODENGI_MERCHANT_ENV + " and " + ODENGI_PASSWORD_ENV + " together, or none");
            }
            odengi = new Odengi(uri(env.get(ODENGI_URL_ENV), ODENGI_URL_ENV), env.get(ODENGI_MERCHANT_ENV), env.get(ODENGI_PASSWORD_ENV).toCharArray());
        }
        return new GatewayConfig(port, jdbcUrl(a.get("pg-url")), a.get("pg-user"), password, redis, backend, allowWritable, dataDir, wait, vapid,
                subject, odengi);
    }

    /** Production's key pair from its two environment values; null when neither is set; refused when one is missing or unreadable. */
    static java.security.KeyPair vapid(String privateKey, String publicKey) {
        if (privateKey == null && publicKey == null) {
            return null;
        }
        if (privateKey == null || publicKey == null) {
            throw new Refused("give both " + VAPID_PRIVATE_ENV + " and " + VAPID_PUBLIC_ENV + ", or neither");
        }
        try {
            byte[] d = kg.evpower.sandbox.server.push.WebPushCrypto.b64(privateKey.strip());
            java.security.interfaces.ECPrivateKey priv = d.length == 32 ? kg.evpower.sandbox.server.push.WebPushCrypto.privateKey(d)
                    : (java.security.interfaces.ECPrivateKey) java.security.KeyFactory.getInstance("EC")
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(d));
            java.security.interfaces.ECPublicKey pub = kg.evpower.sandbox.server.push.WebPushCrypto.publicKey(
                    kg.evpower.sandbox.server.push.WebPushCrypto.b64(publicKey.strip()));
            return new java.security.KeyPair(pub, priv);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new Refused("the VAPID keys cannot be read (production's VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY, base64url): "
                    + e.getClass().getSimpleName());
        }
    }

    /** {@code postgres://host:port/db?...} as pgjdbc's {@code jdbc:postgresql://host:port/db?...}; a JDBC URL as it is. */
    static String jdbcUrl(String url) {
        if (url.matches("^postgres(ql)?://[^/]*@.*")) {
            throw new Refused("put the role in --pg-user and the password in a file or $" + PASSWORD_ENV + ", not in the URL");
        }
        try {
            return kg.evpower.sandbox.server.store.Database.jdbcUrl(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("--pg-url " + e.getMessage());
        }
    }

    private static URI uri(String s, String what) {
        try {
            URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Refused(what + " is not a URL: " + s);
        }
    }

    /** The first line of a file its owner alone may read (on POSIX file systems; elsewhere as it is). */
    static char[] passwordFile(Path file) {
        try {
            try {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                    throw new Refused("the password file " + file + " can be read by others: chmod 600 it");
                }
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file system's ACLs are the administrator's to set
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = (nl < 0 ? text : text.substring(0, nl)).strip();
            if (line.isEmpty()) {
                throw new Refused("the password file " + file + " is empty");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new Refused("the password file " + file + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GatewayConfig[port=" + port + ", pg=" + pgUrl + " as " + pgUser + ", redis=" + (redis == null ? "none" : redis.getHost() + ":"
                + redis.getPort()) + ", backend=" + backend + ", data=" + dataDir + (vapid == null ? "" : ", VAPID keys given") + (odengi == null ? "" : ", " + odengi)
                + (allowWritableRole ? ", writable role allowed" : "") + "]";
    }
}
