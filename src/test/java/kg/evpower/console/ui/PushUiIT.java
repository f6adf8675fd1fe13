package kg.evpower.console.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import kg.evpower.console.Launcher;
import kg.evpower.console.domain.PushSubscription;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.push.PushHistory;
import kg.evpower.console.push.PushViewModel;
import kg.evpower.sandbox.SandboxServer;
import kg.evpower.testing.ConsoleDriver;
import kg.evpower.testing.Sandboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Test pushes end to end on the sandbox the console starts (real HTTP, real Web Push encryption): the superadmin finds
 * an owner, composes a Kyrgyz template with a click link, sends to the owner's devices — one answers 201 at once, one
 * slowly, one 410, one 429, one 500 — and watches each result arrive; the push-service emulator decrypts exactly the
 * JSON the console showed; the 410 device disappears from the owner's subscriptions; 429 and 500 read as not delivered;
 * the send is in the local history. Without the operator API, the console offers production's self-test and only that.
 */
public class PushUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UA_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    private final ConsoleDriver ui = new ConsoleDriver();

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** A new browser for {@code userId} answering {@code answer} after {@code delayMs}; its emulator device id. */
    public static String device(SandboxServer s, String userId, String label, int answer, int delayMs) throws Exception {
        String id = Sandboxes.control(s, "/_sandbox/push/devices", JSON.writeValueAsString(Map.of("user_id", userId, "user_type", "owner",
                "service", "fcm", "label", label, "user_agent", UA_CHROME))).path("device_id").asText();
        Sandboxes.control(s, "/_sandbox/push/devices/" + id, "{\"answer\":" + answer + ",\"delay_ms\":" + delayMs + "}");
        return id;
    }

    /** The subscription id of each emulator device of this user. */
    public static Map<String, String> subscriptionOfDevice(SandboxServer s, String userId) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode d : Sandboxes.read(s, "/_sandbox/push/devices?user_id=" + userId).path("devices")) {
            for (JsonNode sub : d.path("subscriptions")) {
                out.put(d.path("id").asText(), sub.path("subscription_id").asText());
            }
        }
        return out;
    }

    /** Opens the notifications view and chooses the person whose name is {@code name}. */
    @SuppressWarnings("unchecked")
    public static void choose(ConsoleDriver ui, String name) throws Exception {
        ui.robot().clickOn("#nav-push");
        ui.waitUntil(20, () -> ui.present("#push-people") && ui.node("#push-people", TableView.class).getItems().size() > 5);
        ui.type("#push-search", name);
        ui.waitUntil(5, () -> ui.node("#push-people", TableView.class).getItems().size() == 1);
        TableView<StaffMember> people = ui.node("#push-people", TableView.class);
        Platform.runLater(() -> people.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendToAnOwnersDevicesAndSeeWhatEachGot() throws Exception {
        Path home = Files.createTempDirectory("evpower-push-ui");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet());
        ui.logIn("+996700000001");
        ui.awaitOverview(10);
        SandboxServer s = ui.server();
        String[] owner = s.db().queryOne("SELECT u.id, c.name FROM users u JOIN clients c ON c.id = u.id WHERE u.phone = '+996700100003'",
                rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
        String ok = device(s, owner[0], "Быстрый", 201, 0);
        String slow = device(s, owner[0], "Медленный", 201, 3000);
        String gone = device(s, owner[0], "Удалённый", 410, 0);
        String busy = device(s, owner[0], "Занятый", 429, 0);
        String broken = device(s, owner[0], "Сломанный", 500, 0);
        Map<String, String> subOf = subscriptionOfDevice(s, owner[0]);
        int devices = subOf.size();

        choose(ui, owner[1]);
        TableView<PushSubscription> subs = ui.node("#push-subs", TableView.class);
        ui.waitUntil(10, () -> subs.getItems().size() == devices);
        assertEquals(owner[1], ui.node("#push-target", Label.class).getText().split(" · ")[0]);
        assertTrue(subs.getItems().stream().allMatch(x -> x.userAgent() != null));

        // compose: the "station offline" template in Kyrgyz, a click link
        Platform.runLater(() -> {
            ui.node("#push-template", ComboBox.class).setValue("offline");
            ui.node("#push-language", ComboBox.class).setValue("ky");
        });
        WaitForAsyncUtils.waitForFxEvents();
        ui.type("#push-url", "/stations/EVP-TEST");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Станция байланышта эмес (сыноо)", ui.node("#push-title", javafx.scene.control.TextField.class).getText());
        assertTrue(ui.node("#push-preview", TextArea.class).getText().contains("\"url\" : \"/stations/EVP-TEST\""));

        javafx.scene.control.Button send = ui.node("#push-send", javafx.scene.control.Button.class);
        assertFalse(send.isDisabled());
        assertEquals("Отправить на все устройства (" + devices + ")", send.getText());
        // fired, not clicked: the send bar may be below the fold of the scrolling page in the test's window
        Platform.runLater(send::fire);
        TableView<PushViewModel.ResultRow> results = ui.node("#push-results", TableView.class);
        ui.waitUntil(10, () -> results.getItems().size() == devices);
        // everything but the slow device answers first: its row waits while the others are filled in
        ui.waitUntil(10, () -> results.getItems().stream().filter(r -> r.delivery() != null).count() == devices - 1);
        PushViewModel.ResultRow slowRow = results.getItems().stream().filter(r -> r.subscription().id().equals(subOf.get(slow))).findFirst()
                .orElseThrow();
        assertNull(slowRow.delivery(), "the slow device is still pending");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(cellTexts("#push-results").contains("ждём ответа…"), "a pending row says so: " + cellTexts("#push-results"));
        ui.waitUntil(15, () -> results.getItems().stream().allMatch(r -> r.delivery() != null));
        String sentJson = ui.node("#push-preview", TextArea.class).getText();

        Map<String, PushHistory.Delivery> bySub = new HashMap<>();
        results.getItems().forEach(r -> bySub.put(r.subscription().id(), r.delivery()));
        assertEquals(PushHistory.State.DELIVERED, bySub.get(subOf.get(ok)).state());
        assertEquals(201, bySub.get(subOf.get(ok)).status());
        assertEquals(PushHistory.State.DELIVERED, bySub.get(subOf.get(slow)).state());
        assertTrue(bySub.get(subOf.get(slow)).latencyMs() >= 2900, "latency " + bySub.get(subOf.get(slow)).latencyMs());
        assertEquals(PushHistory.State.REMOVED, bySub.get(subOf.get(gone)).state());
        assertEquals(410, bySub.get(subOf.get(gone)).status());
        assertEquals(PushHistory.State.FAILED, bySub.get(subOf.get(busy)).state());
        assertEquals(429, bySub.get(subOf.get(busy)).status());
        assertEquals(PushHistory.State.FAILED, bySub.get(subOf.get(broken)).state());
        assertEquals(500, bySub.get(subOf.get(broken)).status());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cells = cellTexts("#push-results");
        assertEquals(2, cells.stream().filter("не доставлено"::equals).count(), "429 and 500 are not deliveries: " + cells);
        assertTrue(cells.contains("429") && cells.contains("500") && cells.contains("410"), cells.toString());
        assertTrue(cells.stream().anyMatch(c -> c.startsWith("служба доставки просит подождать")), cells.toString());
        assertTrue(cells.stream().anyMatch(c -> c.startsWith("ошибка на стороне службы доставки")), cells.toString());
        int delivered = devices - 3;
        assertEquals("Доставлено: " + delivered + ", подписок удалено: 1, не доставлено: 2", ui.node("#push-send-status", Label.class).getText());

        // what the devices decrypted is exactly the JSON the console showed
        String exact = JSON.writeValueAsString(JSON.readTree(sentJson));
        for (String d : List.of(ok, slow)) {
            JsonNode msgs = Sandboxes.read(s, "/_sandbox/push/devices/" + d + "/messages").path("messages");
            assertEquals(1, msgs.size(), d);
            assertEquals(exact, msgs.get(0).path("payload").asText(), "decrypted payload of " + d);
            assertEquals(86400, msgs.get(0).path("ttl").asInt());
        }
        JsonNode payload = JSON.readTree(exact);
        assertEquals("Станция байланышта эмес (сыноо)", payload.path("title").asText());
        assertEquals("/stations/EVP-TEST", payload.path("data").path("url").asText());
        assertTrue(ui.node("#push-payload-check", Label.class).getText().startsWith("Сервер зашифровал и отправил ровно этот JSON"));

        // the 410 device is gone from the owner's subscriptions, in the view and on the server
        ui.waitUntil(10, () -> subs.getItems().size() == devices - 1);
        assertFalse(subs.getItems().stream().anyMatch(x -> x.id().equals(subOf.get(gone))));
        assertFalse(subscriptionOfDevice(s, owner[0]).containsKey(gone));

        // the local history: in the view and on disk
        ui.robot().clickOn("#push-tab-history");
        TableView<PushHistory.Entry> history = ui.node("#push-history", TableView.class);
        ui.waitUntil(5, () -> history.getItems().size() == 1);
        PushHistory.Entry e = history.getItems().get(0);
        assertEquals(owner[1], e.targetName());
        assertTrue(e.who().contains("+996700000001"), e.who());
        assertEquals(exact, e.payload());
        Path file = home.resolve(kg.evpower.console.push.PushFeature.HISTORY);
        ui.waitUntil(5, () -> Files.exists(file) && Files.readAllLines(file).size() == 1);
        PushHistory.Entry onDisk = new PushHistory(file).load().entries().get(0);
        assertEquals(devices, onDisk.deliveries().size());
        assertEquals(1, onDisk.count(PushHistory.State.REMOVED));
        assertEquals(2, onDisk.count(PushHistory.State.FAILED));
    }

    @Test
    void withoutTheOperatorApiTheSelfTestIsExplainedAndSent() throws Exception {
        Path home = Files.createTempDirectory("evpower-push-self");
        ui.launch(home.resolve("settings.json"), Sandboxes.quiet().withOperatorApi(false));
        ui.logIn("+996700000001");
        ui.awaitOverview(10);
        ui.robot().clickOn("#nav-push");
        ui.waitUntil(10, () -> ui.present("#push-self-explain"));
        assertFalse(ui.present("#push-people"), "no people to choose without the operator API");
        assertTrue(ui.node("#push-self-explain", Label.class).getText().contains("/api/v1/notifications/test"));
        String superId = ui.server().db().queryOne("SELECT id FROM users WHERE phone = '+996700000001'", rs -> rs.getString(1))
                .orElseThrow();
        String device = Sandboxes.read(ui.server(), "/_sandbox/push/devices?user_id=" + superId).path("devices").path(0).path("id").asText();
        ui.robot().clickOn("#push-self-send");
        ui.waitUntil(10, () -> ui.node("#push-send-status", Label.class).getText().equals("Сервер сообщил о доставке на устройств: 1"));
        JsonNode msgs = Sandboxes.read(ui.server(), "/_sandbox/push/devices/" + device + "/messages").path("messages");
        assertEquals(1, msgs.size());
        assertEquals("Test Notification", JSON.readTree(msgs.get(0).path("payload").asText()).path("title").asText());
        Path file = home.resolve(kg.evpower.console.push.PushFeature.HISTORY);
        ui.waitUntil(5, () -> Files.exists(file) && Files.readAllLines(file).size() == 1);
        assertEquals("self", new PushHistory(file).load().entries().get(0).mode());
    }

    private List<String> cellTexts(String table) {
        return ui.robot().lookup(table + " .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .map(c -> c.getText() == null ? "" : c.getText()).toList();
    }
}
