package kg.evpower.console.platform;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import kg.evpower.console.api.Dto;

/**
 * The built-in sandbox as the console sees it: something that starts on a free loopback port and stops, and that
 * knows its demo accounts and the OTP codes production would send by WhatsApp. The launcher provides the
 * implementation, so no console class depends on the sandbox's.
 */
public interface EmbeddedServer extends AutoCloseable {

    /** Starts (blocking, off the FX thread) and returns the base URI. */
    URI start();

    /** The seeded demo accounts, for the login screen (blocking; after {@link #start()}). */
    List<Dto.SandboxAccount> demoAccounts();

    /** The code the sandbox generated for this phone, when it did (blocking; after {@link #start()}). */
    Optional<String> otpCode(String phone);

    @Override
    void close();
}
