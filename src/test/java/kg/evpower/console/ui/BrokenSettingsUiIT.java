package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Valid JSON of the wrong shape in the settings file: the console starts on the sandbox all the same, every time. */
class BrokenSettingsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"customProfiles\":null}", "{\"customProfiles\":[{\"name\":\"no id\"}],\"selectedProfile\":null}"})
    void theConsoleStartsOnAWrongButValidSettingsFile(String content) throws Exception {
        Path home = Files.createTempDirectory("evpower-broken-settings");
        Path file = home.resolve("settings.json");
        Files.writeString(file, content);
        ui.launch(file, Sandboxes.quiet());
        ui.awaitSandboxLogin(); // it used to end in a NullPointerException in start(), exit 1, for good
        assertTrue(ui.present("#login-phone"));
    }
}
