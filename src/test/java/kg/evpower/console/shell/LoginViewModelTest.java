package kg.evpower.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.Dto;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.SynchronousTaskExecutor;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;

/** The login screen's decisions, without a stage: validation, the countdown, the server's texts, who may sign in. */
class LoginViewModelTest {

    private final Messages m = new Messages("en");
    private final SynchronousTaskExecutor tasks = new SynchronousTaskExecutor(e -> ErrorTexts.describe(m, e));
    private final List<LoginService.SignedIn> signedIn = new ArrayList<>();

    /** A server that answers as told and remembers what it was asked. */
    private static final class FakeServer implements LoginService {
        boolean sandbox;
        RuntimeException sendFails;
        UserAccount who = account(Role.ADMIN, true);
        final List<String> calls = new ArrayList<>();
        boolean budgetSpent;
        /** What the screen said while the request was on its way. */
        java.util.function.Supplier<String> shown = () -> null;
        String saidWhileSending;

        @Override
        public boolean budgetSpent() {
            return budgetSpent;
        }

        @Override
        public boolean sandbox() {
            return sandbox;
        }

        @Override
        public List<Dto.SandboxAccount> demoAccounts() {
            calls.add("accounts");
            return List.of(new Dto.SandboxAccount("+996700100001", "admin", "Owner One", null, true, null, 3));
        }

        @Override
        public CodeSent sendCode(String phone) {
            calls.add("send " + phone);
            saidWhileSending = shown.get();
            if (sendFails != null) {
                throw sendFails;
            }
            return new CodeSent("Code sent via WhatsApp", 45, sandbox ? "123456" : null);
        }

        @Override
        public SignedIn signIn(String phone, String code) {
            calls.add("verify " + phone + " " + code);
            return new SignedIn(null, who, ServerCapabilities.unknown());
        }

        @Override
        public void signOut(SignedIn session) {
            calls.add("logout");
        }
    }

    private static UserAccount account(Role role, boolean active) {
        return new UserAccount("u1", "+996700100001", "Owner One", null, role, null, active, 3, 1);
    }

    private LoginViewModel vm(FakeServer server) {
        return new LoginViewModel(m, new Formats(m), tasks, server, signedIn::add);
    }

    @Test
    void aPhoneThatIsNotKyrgyzIsRefusedWithoutAskingTheServer() {
        FakeServer server = new FakeServer();
        LoginViewModel vm = vm(server);
        vm.phoneProperty().set("12345");
        assertFalse(vm.canSend().get());
        vm.sendCode();
        assertEquals(m.get("login.phone.invalid"), vm.errorProperty().get());
        assertEquals(LoginViewModel.Field.PHONE, vm.errorFieldProperty().get(), "shown under the phone");
        assertTrue(server.calls.isEmpty());
    }

    @Test
    void localNumbersAreNormalisedToPlus996AndShownSo() {
        for (String typed : new String[] {"0555 123 456", "555123456", "+996 555 12-34-56", "996555123456"}) {
            FakeServer server = new FakeServer();
            LoginViewModel vm = vm(server);
            vm.phoneProperty().set(typed);
            vm.sendCode();
            assertEquals(List.of("send +996555123456"), server.calls, typed);
            assertEquals("+996555123456", vm.phoneProperty().get(), typed);
        }
    }

    @Test
    void aSentCodeStartsTheServersCountdownWhichTicksDownAndStops() {
        FakeServer server = new FakeServer();
        LoginViewModel vm = vm(server);
        vm.phoneProperty().set("0700 100 001");
        assertTrue(vm.canSend().get());
        assertEquals(m.get("login.send"), vm.sendText().get());
        vm.sendCode();
        assertEquals(List.of("send +996700100001"), server.calls, "the phone goes out normalised");
        assertEquals("Code sent via WhatsApp", vm.messageProperty().get(), "the server's own words");
        assertTrue(vm.codeSentProperty().get());
        assertNull(vm.sandboxCodeProperty().get(), "a real server's code is not shown");
        assertEquals(45, vm.countdownProperty().get());
        assertFalse(vm.canSend().get(), "no resend while the server's countdown runs");
        assertEquals(m.format("login.resendIn", 45), vm.sendText().get());
        tasks.advance(Duration.ofSeconds(10));
        assertEquals(35, vm.countdownProperty().get());
        tasks.advance(Duration.ofSeconds(60));
        assertEquals(0, vm.countdownProperty().get());
        assertEquals(0, tasks.pendingTimers(), "nothing ticks once the countdown is over");
        assertEquals(m.get("login.resend"), vm.sendText().get());
        assertTrue(vm.canSend().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theOtpResendLimitShowsTheServersMessageAndItsSeconds() {
        FakeServer server = new FakeServer();
        server.sendFails = new ApiException(ApiException.Kind.RATE_LIMITED, 429, "rate_limit", "Подождите 37 секунд перед повторной отправкой");
        LoginViewModel vm = vm(server);
        vm.phoneProperty().set("+996700100001");
        vm.sendCode();
        assertEquals(m.format("server.detail", m.format("server.otp.wait", 37), "Подождите 37 секунд перед повторной отправкой"),
                vm.errorProperty().get(), "said in the UI's language, the server's words kept beside");
        assertEquals(LoginViewModel.Field.PHONE, vm.errorFieldProperty().get());
        assertEquals(37, vm.countdownProperty().get());
        assertTrue(vm.codeSentProperty().get(), "a code was sent before; it can still be entered");
    }

    @Test
    void anUnreachableServerIsSaidPlainly() {
        FakeServer server = new FakeServer();
        server.sendFails = new ApiException(ApiException.Kind.NETWORK, 0, "connection_refused", null);
        LoginViewModel vm = vm(server);
        vm.phoneProperty().set("+996700100001");
        vm.sendCode();
        assertEquals(m.get("error.network"), vm.errorProperty().get());
        assertNull(vm.errorFieldProperty().get(), "about the connection, not the number: under the form");
        assertNull(vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theSandboxListsItsAccountsAndShowsItsCode() {
        FakeServer server = new FakeServer();
        server.sandbox = true;
        LoginViewModel vm = vm(server);
        assertTrue(vm.busyProperty().get(), "busy until the sandbox has started");
        vm.start();
        assertFalse(vm.busyProperty().get());
        assertEquals(1, vm.accounts().size());
        assertEquals("+996700100001 · " + new Formats(m).role(Role.ADMIN) + "\nOwner One", vm.accountText(vm.accounts().get(0)));
        vm.phoneProperty().set(vm.accounts().get(0).phone());
        vm.sendCode();
        assertEquals(m.format("login.sandboxCode", "123456"), vm.sandboxCodeProperty().get());
    }

    @Test
    void onlyActiveStaffSignIn_aClientOrADeactivatedAccountIsSignedOutAtOnce() {
        FakeServer server = new FakeServer();
        LoginViewModel vm = vm(server);
        vm.phoneProperty().set("+996700100001");
        vm.sendCode();
        vm.codeProperty().set("12345");
        assertFalse(vm.canVerify().get(), "six digits");
        vm.verify();
        assertEquals(LoginViewModel.Field.CODE, vm.errorFieldProperty().get(), "shown under the code");
        vm.codeProperty().set(" 123456 ");
        assertTrue(vm.canVerify().get());

        server.who = account(Role.CLIENT, true);
        vm.verify();
        assertEquals(m.get("login.clientRefused"), vm.errorProperty().get());
        assertTrue(server.calls.contains("logout"));
        assertTrue(signedIn.isEmpty());

        server.calls.clear();
        server.who = account(Role.OPERATOR, false);
        vm.verify();
        assertEquals(m.get("login.inactive"), vm.errorProperty().get());
        assertEquals(List.of("verify +996700100001 123456", "logout"), server.calls);

        server.who = account(Role.OPERATOR, true);
        vm.verify();
        assertEquals(1, signedIn.size());
        assertEquals(Role.OPERATOR, signedIn.get(0).account().role());
        assertEquals(0, tasks.pendingTimers(), "the countdown stops once signed in");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void whileTheRequestBudgetIsSpentTheScreenSaysTheCodeWaitsForAFreeRequest() {
        FakeServer server = new FakeServer();
        LoginViewModel vm = vm(server);
        server.shown = () -> vm.messageProperty().get();
        vm.phoneProperty().set("+996700100001");
        vm.sendCode();
        assertEquals(m.get("login.sending"), server.saidWhileSending);
        server.budgetSpent = true;
        vm.phoneProperty().set("+996700100002");
        vm.countdownProperty().set(0);
        vm.sendCode();
        assertEquals(m.get("login.sending.waiting"), server.saidWhileSending);
    }
}
