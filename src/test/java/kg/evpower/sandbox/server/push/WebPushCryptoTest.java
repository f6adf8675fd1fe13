package kg.evpower.sandbox.server.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 8291's worked example byte for byte, the way back, and RFC 8292's token as a push service checks it. */
class WebPushCryptoTest {

    // RFC 8291 Appendix A (published test data)
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void theRfcExampleEncryptsToTheSameBytes() {
        ECPrivateKey as = WebPushCrypto.privateKey(WebPushCrypto.b64(AS_PRIVATE));
        ECPublicKey asPub = WebPushCrypto.publicKey(WebPushCrypto.b64(AS_PUBLIC));
        byte[] body = WebPushCrypto.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), WebPushCrypto.b64(UA_PUBLIC),
                WebPushCrypto.b64(AUTH), WebPushCrypto.b64(SALT), as, asPub);
        assertEquals(BODY, WebPushCrypto.b64(body));
    }

    @Test
    void theRfcBodyDecryptsAndAFreshMessageMakesTheRoundTrip() {
        ECPrivateKey ua = WebPushCrypto.privateKey(WebPushCrypto.b64(UA_PRIVATE));
        assertEquals(PLAINTEXT, new String(WebPushCrypto.decrypt(WebPushCrypto.b64(BODY), ua, WebPushCrypto.b64(UA_PUBLIC),
                WebPushCrypto.b64(AUTH)), StandardCharsets.UTF_8));

        KeyPair device = WebPushCrypto.newKeyPair();
        byte[] devicePublic = WebPushCrypto.raw((ECPublicKey) device.getPublic());
        byte[] auth = WebPushCrypto.randomBytes(16);
        byte[] message = "{\"title\":\"Тест\",\"body\":\"Проверка связи\"}".getBytes(StandardCharsets.UTF_8);
        byte[] first = WebPushCrypto.encrypt(message, devicePublic, auth);
        byte[] second = WebPushCrypto.encrypt(message, devicePublic, auth);
        assertTrue(!java.util.Arrays.equals(first, second), "a fresh salt and key each time");
        assertArrayEquals(message, WebPushCrypto.decrypt(first, (ECPrivateKey) device.getPrivate(), devicePublic, auth));
        // another device's keys, or a flipped bit, do not open it
        KeyPair other = WebPushCrypto.newKeyPair();
        assertThrows(IllegalArgumentException.class, () -> WebPushCrypto.decrypt(first, (ECPrivateKey) other.getPrivate(),
                WebPushCrypto.raw((ECPublicKey) other.getPublic()), auth));
        first[first.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> WebPushCrypto.decrypt(first, (ECPrivateKey) device.getPrivate(), devicePublic, auth));
        // keys survive their base64url form
        assertArrayEquals(devicePublic, WebPushCrypto.raw(WebPushCrypto.publicKey(WebPushCrypto.b64(WebPushCrypto.b64(devicePublic)))));
    }

    @Test
    void vapidTokensAreCheckedLikeAPushServiceDoes() {
        Vapid vapid = new Vapid(WebPushCrypto.newKeyPair(), "mailto:noreply@evpower.kg");
        URI endpoint = URI.create("http://127.0.0.1:8765/_sandbox/push/fcm/abc");
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        String header = vapid.authorization(endpoint, now);
        Vapid.Checked ok = Vapid.verify(header, "http://127.0.0.1:8765", now.plusSeconds(60));
        assertEquals(vapid.publicKeyB64(), ok.publicKey());
        assertEquals("mailto:noreply@evpower.kg", ok.subject());
        assertThrows(IllegalArgumentException.class, () -> Vapid.verify(header, "https://fcm.googleapis.com", now));
        assertThrows(IllegalArgumentException.class, () -> Vapid.verify(header, "http://127.0.0.1:8765", now.plus(Vapid.LIFETIME).plusSeconds(1)));
        String forged = header.replace(vapid.publicKeyB64(), new Vapid(WebPushCrypto.newKeyPair(), "x").publicKeyB64());
        assertThrows(IllegalArgumentException.class, () -> Vapid.verify(forged, "http://127.0.0.1:8765", now));
    }
}
