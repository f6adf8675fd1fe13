package kg.evpower.sandbox.server.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188), one record: the
 * application server's ephemeral P-256 key and the subscription's key agree on a secret, mixed with the subscription's
 * 16-byte auth secret into a content key and nonce; the body is {@code salt ‖ rs ‖ idlen ‖ keyid ‖ ciphertext}. Also
 * the receiving side ({@link #decrypt}), which the sandbox's push-service emulator plays for the simulated devices.
 * Keys travel as base64url: public keys as uncompressed points (65 bytes), private keys as 32-byte scalars.
 */
public final class WebPushCrypto {

    /** The record size written in the header; one record holds any push message (at most 4 KB). */
    public static final int RECORD_SIZE = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ECParameterSpec P256 = p256();

    private WebPushCrypto() {
    }

    private static ECParameterSpec p256() {
        try {
            java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }

    public static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s.trim().replace('+', '-').replace('/', '_').replace("=", ""));
    }

    public static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The uncompressed point {@code 04 ‖ x ‖ y}. */
    public static byte[] raw(ECPublicKey k) {
        byte[] out = new byte[65];
        out[0] = 4;
        fixed(k.getW().getAffineX(), out, 1);
        fixed(k.getW().getAffineY(), out, 33);
        return out;
    }

    public static byte[] raw(ECPrivateKey k) {
        byte[] out = new byte[32];
        fixed(k.getS(), out, 0);
        return out;
    }

    private static void fixed(BigInteger v, byte[] out, int at) {
        byte[] b = v.toByteArray();
        int skip = b.length > 32 ? b.length - 32 : 0;
        System.arraycopy(b, skip, out, at + 32 - (b.length - skip), b.length - skip);
    }

    public static ECPublicKey publicKey(byte[] point) {
        if (point.length != 65 || point[0] != 4) {
            throw new IllegalArgumentException("not an uncompressed P-256 point (" + point.length + " bytes)");
        }
        try {
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
        }
    }

    public static ECPrivateKey privateKey(byte[] scalar) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** Encrypts with a fresh salt and a fresh server key, as a sender must. */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) {
        KeyPair server = newKeyPair();
        return encrypt(plaintext, uaPublic, authSecret, randomBytes(16), (ECPrivateKey) server.getPrivate(), (ECPublicKey) server.getPublic());
    }

    /** Encrypts with the given salt and server key (the RFC's example fixes both). */
    public static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, byte[] salt, ECPrivateKey asPrivate,
                                 ECPublicKey asPublic) {
        if (plaintext.length + 1 + 16 > RECORD_SIZE) {
            throw new IllegalArgumentException("a push message holds at most " + (RECORD_SIZE - 17) + " bytes, this one " + plaintext.length);
        }
        byte[] asRaw = raw(asPublic);
        Keys k = keys(ecdh(asPrivate, publicKey(uaPublic)), authSecret, uaPublic, asRaw, salt);
        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = 2; // the last (and only) record's delimiter, no padding
        byte[] ct = gcm(Cipher.ENCRYPT_MODE, k, record);
        ByteBuffer out = ByteBuffer.allocate(16 + 4 + 1 + asRaw.length + ct.length);
        out.put(salt).putInt(RECORD_SIZE).put((byte) asRaw.length).put(asRaw).put(ct);
        return out.array();
    }

    /** Decrypts a body addressed to the subscription whose private key and auth secret are given. */
    public static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, byte[] uaPublic, byte[] authSecret) {
        if (body.length < 21) {
            throw new IllegalArgumentException("too short for an aes128gcm header: " + body.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idlen = in.get() & 0xFF;
        if (idlen != 65 || body.length < 21 + idlen + 17) {
            throw new IllegalArgumentException("the header's key id is not a P-256 point (" + idlen + " bytes)");
        }
        byte[] asRaw = new byte[idlen];
        in.get(asRaw);
        byte[] ct = new byte[in.remaining()];
        in.get(ct);
        if (ct.length > rs) {
            throw new IllegalArgumentException("more than one record (" + ct.length + " > " + rs + ")");
        }
        Keys k = keys(ecdh(uaPrivate, publicKey(asRaw)), authSecret, uaPublic, asRaw, salt);
        byte[] record = gcm(Cipher.DECRYPT_MODE, k, ct);
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--;
        }
        if (end < 0 || record[end] != 2) {
            throw new IllegalArgumentException("the record does not end with the last-record delimiter");
        }
        return Arrays.copyOf(record, end);
    }

    private record Keys(byte[] cek, byte[] nonce) {
    }

    private static Keys keys(byte[] ecdhSecret, byte[] authSecret, byte[] uaPublic, byte[] asPublic, byte[] salt) {
        byte[] prkKey = hmac(authSecret, ecdhSecret);
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic, new byte[] {1});
        byte[] ikm = hmac(prkKey, keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 12);
        return new Keys(cek, nonce);
    }

    private static byte[] ecdh(ECPrivateKey mine, ECPublicKey theirs) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key agreement failed: " + e.getMessage(), e);
        }
    }

    private static byte[] gcm(int mode, Keys k, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(k.cek(), "AES"), new GCMParameterSpec(128, k.nonce()));
            return c.doFinal(data);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the message does not decrypt with this subscription's keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
