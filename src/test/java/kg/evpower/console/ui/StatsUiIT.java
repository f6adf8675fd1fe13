package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import kg.evpower.figures.StatsQuery;
import kg.evpower.figures.StatsReport;
import kg.evpower.sandbox.SandboxConfig;
import kg.evpower.sandbox.world.history.NetworkHistory;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.PickedFiles;
import kg.evpower.testing.Sandboxes;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Statistics as support staff use them, on a sandbox with weeks of history: the last whole month is picked, its
 * figures add up on screen, the XLSX export reopens with the same period and numbers, and a station's row opens the
 * station on the map.
 */
class StatsUiIT {

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    private String text(String id) {
        return ui.text(id);
    }

    private void until(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        ui.waitUntil(seconds, condition, () -> ui.text("#stats-status"));
    }

    /** Digits only: the screen groups thousands with a no-break space. */
    private static long number(String shown) {
        return Long.parseLong(shown.replaceAll("[^0-9]", ""));
    }

    @Test
    void supportPicksLastMonthExportsItAndOpensAStationOnTheMap() throws Exception {
        Path home = Files.createTempDirectory("evpower-stats-ui");
        PickedFiles files = new PickedFiles();
        Path xlsx = home.resolve("november.xlsx");
        files.offer(xlsx);
        SandboxConfig config = Sandboxes.quiet().withOtpResend(Duration.ZERO);
        config = config.withMoney(config.money().withNetworkHistory(Duration.ofDays(70)));
        ui.launch(home.resolve("settings.json"), config, files);
        ui.waitUntil(90, () -> ui.server().db().meta(NetworkHistory.DEAD_STATIONS) != null);
        ui.logIn("+996700000001");
        ui.waitUntil(30, () -> ui.present("#nav-stats"));
        ui.robot().interact(() -> ui.node("#nav-stats", javafx.scene.control.ButtonBase.class).fire());
        until(30, () -> ui.present("#stats-kpi-sessions") && !ui.node("#stats-view", javafx.scene.Node.class).isDisabled());

        // the month before this one
        ui.robot().interact(() -> ui.node("#stats-prev", javafx.scene.control.Button.class).fire());
        LocalDate first = LocalDate.now(StatsQuery.BISHKEK).withDayOfMonth(1).minusMonths(1);
        @SuppressWarnings("unchecked")
        TableView<StatsReport.Bar> bars = ui.node("#stats-bars-table", TableView.class);
        until(30, () -> bars.getItems().size() == first.lengthOfMonth() && bars.getItems().get(0).start().equals(first)
                && ui.present("#stats-kpi-sessions"));
        String month = text("#stats-period-text");
        assertTrue(month.toLowerCase().startsWith(ruMonth(first.getMonth())), month);
        // the headline and the bars come from one answer: they add up once both are drawn
        until(10, () -> number(text("#stats-kpi-sessions")) == bars.getItems().stream().mapToLong(StatsReport.Bar::sessions).sum()
                && text("#stats-status").startsWith("Источник"));
        long sessions = number(text("#stats-kpi-sessions"));
        assertTrue(sessions > 1000, "a month of a busy network: " + sessions);
        assertTrue(text("#stats-status").startsWith("Источник: операторский API"), text("#stats-status"));

        // export to XLSX, reopened
        MenuButton export = ui.node("#stats-export", MenuButton.class);
        Platform.runLater(() -> export.getItems().get(0).fire());
        until(20, () -> text("#stats-status").startsWith("Сохранено"));
        assertEquals("statistics-" + first + "--" + first.withDayOfMonth(first.lengthOfMonth()) + ".xlsx", files.asked().get(0).suggested());
        @SuppressWarnings("unchecked")
        TableView<StatsReport.Group> stations = ui.node("#stats-stations-table", TableView.class);
        try (InputStream in = Files.newInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<Sheet> sheets = wb.getSheets().toList();
            List<Row> summary = sheets.get(0).read();
            assertEquals(month, summary.get(0).getCellText(1), "the period heads the file");
            assertEquals("Все владельцы", summary.get(3).getCellText(1));
            Row sessionsLine = summary.stream().filter(r -> "Сессий".equals(r.getCellText(0))).findFirst().orElseThrow();
            assertEquals(sessions, sessionsLine.getCellAsNumber(1).orElseThrow().longValueExact());
            Sheet stationSheet = sheets.stream().filter(s -> s.getName().equals("Станции")).findFirst().orElseThrow();
            List<Row> rows = stationSheet.read();
            assertEquals(stations.getItems().size() + 1, rows.size(), "every station, under a header");
            StatsReport.Group top = stations.getItems().get(0);
            Row topRow = rows.stream().filter(r -> top.key().equals(r.getCellText(0))).findFirst().orElseThrow();
            assertEquals(0, top.figures().revenue().setScale(2, java.math.RoundingMode.HALF_UP)
                    .compareTo(topRow.getCellAsNumber(9).orElse(BigDecimal.ZERO)), "the station's revenue to the tyiyn");
        }

        // a station's row opens it on the map
        ui.robot().interact(() -> {
            javafx.scene.control.TabPane tabs = ui.node("#stats-tabs", javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "stats-tab-stations".equals(t.getId())).findFirst().orElseThrow());
        });
        String station = stations.getItems().get(0).key();
        ui.robot().interact(() -> {
            stations.requestFocus();
            stations.getSelectionModel().select(0);
        });
        ui.robot().type(KeyCode.ENTER);
        until(20, () -> ui.present("#map-details") && ui.node("#map-details", javafx.scene.Node.class).lookupAll(".label").stream()
                .anyMatch(n -> ((Label) n).getText() != null && ((Label) n).getText().contains(station)));
    }

    private static String ruMonth(Month m) {
        return new String[] {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
            "декабрь"}[m.ordinal()];
    }
}
