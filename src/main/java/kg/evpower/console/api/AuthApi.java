package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * Sign-in and the session (contract §2): CSRF, WhatsApp OTP, profile, logout.
 */
public final class AuthApi {

    private final ApiTransport t;

    AuthApi(ApiTransport t) {
        this.t = t;
    }

    public Dto.Csrf csrf() {
        return t.csrf();
    }

    public Dto.OtpSend sendOtp(String phone) {
        return t.call("POST", "/api/v1/auth/otp/send", Map.of("phone", phone), Dto.OtpSend.class, ApiTransport.Auth.PUBLIC);
    }

    public Dto.OtpStatus otpStatus(String phone) {
        return t.call("GET", "/api/v1/auth/otp/status?phone=" + ApiTransport.enc(phone), null, Dto.OtpStatus.class, ApiTransport.Auth.PUBLIC);
    }

    public Dto.OtpVerify verifyOtp(String phone, String code) {
        Dto.OtpVerify r = t.call("POST", "/api/v1/auth/otp/verify", Map.of("phone", phone, "code", code), Dto.OtpVerify.class,
                ApiTransport.Auth.PUBLIC);
        t.forgetCsrf();
        return r;
    }

    /** The signed-in person, with the role from {@code /profile} (users first). */
    public UserAccount profile() {
        return WireMapper.account(t.call("GET", "/api/v1/profile", null, Dto.Profile.class, ApiTransport.Auth.SESSION));
    }

    /** Clears the session on the server (idempotent) and locally, whatever the server says. */
    public void logout() {
        try {
            t.call("POST", "/api/v1/auth/logout", null, JsonNode.class, ApiTransport.Auth.PUBLIC);
        } finally {
            t.forget();
        }
    }

    /** The session cookies ({@code evp_access}, {@code evp_refresh}) as they are now: for a script that keeps its session. */
    public Map<String, String> sessionCookies() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : SESSION_COOKIES) {
            t.cookies().get(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    /** Takes back session cookies kept by {@link #sessionCookies()}; whether they still work, the next call says. */
    public void resumeSession(Map<String, String> cookies) {
        t.forgetCsrf();
        for (String name : SESSION_COOKIES) {
            String v = cookies.get(name);
            if (v != null && !v.isBlank()) {
                t.cookies().put(name, v);
            }
        }
    }

    private static final List<String> SESSION_COOKIES = List.of("evp_access", "evp_refresh");

    public boolean hasSession() {
        return t.cookies().get("evp_refresh").isPresent() || t.cookies().get("evp_access").isPresent();
    }
}
