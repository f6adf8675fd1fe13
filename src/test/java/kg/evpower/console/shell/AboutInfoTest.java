package kg.evpower.console.shell;

import kg.evpower.console.platform.BuildInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AboutInfoTest {

    @Test
    void theBuildKnowsItsVersionAndTime() {
        BuildInfo b = BuildInfo.current();
        assertTrue(b.version().matches("\\d+\\.\\d+\\.\\d+.*"), b.version());
        assertTrue(b.built().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), b.built());
    }

    @Test
    void diagnosticsAreOneKeyValueLineEachWithADashForWhatIsNotKnown() {
        AboutInfo info = new AboutInfo(new BuildInfo("1.2.3", "2026-11-23T10:00:00Z"), "17.0.15 (Debian)", "/opt/x/lib/runtime",
                "21.0.12", "Linux 6.1 amd64", Path.of("/home/a/.config/evpower-console"), null,
                Path.of("/home/a/.local/state/evpower-console/logs/console.log"), "Песочница — http://127.0.0.1:5000", null, 40, 768);
        String text = info.diagnostics();
        String[] lines = text.split("\n");
        assertEquals(10, lines.length, text);
        assertEquals("EvPower Console: 1.2.3 (built 2026-11-23T10:00:00Z)", lines[0]);
        assertEquals("Java: 17.0.15 (Debian), /opt/x/lib/runtime", lines[1]);
        assertEquals("Data: -", lines[5]);
        assertEquals("Log: /home/a/.local/state/evpower-console/logs/console.log", lines[6]);
        assertEquals("User: -", lines[8]);
        assertEquals("Heap: 40 MB used of 768 MB", lines[9]);
    }
}
