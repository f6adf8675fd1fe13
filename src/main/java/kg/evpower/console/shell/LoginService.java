package kg.evpower.console.shell;

import java.util.List;
import kg.evpower.console.api.Dto;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.UserAccount;

/** What the login screen needs of a server (blocking; the view model calls it off the FX thread). */
public interface LoginService {

    /** Signed in: the client holding the session, who it is, and what the server offers. */
    record SignedIn(EvPowerClient client, UserAccount account, ServerCapabilities caps) {
    }

    /** "Send code" done: the server's message, its countdown in seconds (null when it said none), the code when the server shows it. */
    record CodeSent(String message, Integer waitSeconds, String sandboxCode) {
    }

    /** Whether this is the built-in sandbox (which starts on {@link #demoAccounts()} and shows its codes). */
    boolean sandbox();

    /** Starts the built-in sandbox and lists its demo accounts. */
    List<Dto.SandboxAccount> demoAccounts();

    CodeSent sendCode(String phone);

    /**
     * Whether the console's request budget is spent for this minute, so a request now waits for a free slot (production
     * takes 60 a minute from one address); never blocks.
     */
    boolean budgetSpent();

    /** Verifies the code, then reads who signed in and what the server offers (the public API only when that is unknown). */
    SignedIn signIn(String phone, String code);

    /** Ends the session on the server (a refused account's). */
    void signOut(SignedIn session);
}
