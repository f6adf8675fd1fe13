package kg.evpower.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kg.evpower.console.settings.Settings;
import org.junit.jupiter.api.Test;

/** The preferences bar's decisions, without a stage: servers, language, theme, and what is written back. */
class PreferencesViewModelTest {

    @Test
    void aServerIsAddedByAUsableUrlOnlyOnceAndSelected() {
        Settings s = new Settings();
        PreferencesViewModel vm = new PreferencesViewModel(s);
        assertEquals(Settings.SANDBOX, vm.profile().id(), "a fresh machine starts on the sandbox");
        assertNull(vm.addProfile("x", "ftp://evpower.kg"), "not http(s)");
        assertNull(vm.addProfile("x", "https://user@evpower.kg"), "no credentials in a URL");
        Settings.Profile p = vm.addProfile("", "Gateway.EvPower.kg:8090/");
        assertEquals("https://gateway.evpower.kg:8090", p.url());
        assertEquals("gateway.evpower.kg", p.name(), "named by its host when no name is given");
        assertEquals(p, vm.profile());
        assertEquals(p, vm.addProfile("again", "https://gateway.evpower.kg:8090"), "the same URL twice is one server");
        assertEquals(3, vm.profiles().size());
    }

    @Test
    void aServerWithItsOperatorGatewayIsItsOwnProfileAndIsWrittenBack() {
        Settings s = new Settings();
        PreferencesViewModel vm = new PreferencesViewModel(s);
        assertNull(vm.addProfile("x", "https://ocpp.evpower.kg", "ftp://gw"), "a gateway must be an http(s) URL too");
        Settings.Profile plain = vm.addProfile("EvPower", "https://ocpp.evpower.kg", "  ");
        assertEquals(Settings.PRODUCTION, plain.id(), "blank: no gateway, so the built-in production server");
        Settings.Profile withGateway = vm.addProfile("EvPower + шлюз", "https://ocpp.evpower.kg", "Gateway.EvPower.kg:8090/");
        assertEquals("https://gateway.evpower.kg:8090", withGateway.gateway());
        assertTrue(withGateway != plain && !withGateway.id().equals(plain.id()), "the same server with a gateway is another profile");
        assertEquals(withGateway, vm.addProfile("again", "https://ocpp.evpower.kg", "https://gateway.evpower.kg:8090"));
        vm.writeTo(s);
        assertEquals(1, s.customProfiles.size());
        assertEquals("https://gateway.evpower.kg:8090", s.customProfiles.get(0).gateway());
    }

    @Test
    void builtInServersStay_removingTheChosenOneFallsBackToTheSandbox_andEverythingIsWrittenBack() {
        Settings s = new Settings();
        s.language = "de";
        PreferencesViewModel vm = new PreferencesViewModel(s);
        assertEquals("ru", vm.languageProperty().get(), "a language without bundles falls back to Russian");
        int[] changes = {0};
        vm.changed(() -> changes[0]++);
        Settings.Profile custom = vm.addProfile("Test", "http://127.0.0.1:8765");
        vm.removeProfile(vm.profiles().get(1));
        assertEquals(3, vm.profiles().size(), "production cannot be removed");
        vm.removeProfile(custom);
        assertEquals(Settings.SANDBOX, vm.profile().id());
        vm.darkProperty().set(true);
        vm.languageProperty().set("ky");
        assertTrue(changes[0] >= 4, "every change is told, to be saved");
        vm.writeTo(s);
        assertEquals("ky", s.language);
        assertTrue(s.darkTheme);
        assertTrue(s.customProfiles.isEmpty());
        assertFalse(PreferencesViewModel.isCustom(Settings.builtIn().get(1)));
    }
}
