package kg.evpower.console.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import kg.evpower.console.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the settings file holds — cut short, a value of the wrong type or null at any place, valid JSON of the
 * wrong shape — loading it gives settings the console starts on, and a file it could not use is kept aside.
 */
class SettingsStoreFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    /** A full settings file as a console writes it, features included. */
    private static ObjectNode full() {
        ObjectNode s = F.objectNode();
        s.put("selectedProfile", "mine");
        ArrayNode profiles = s.putArray("customProfiles");
        profiles.addObject().put("id", "mine").put("name", "Test server").put("url", "https://test.evpower.kg");
        profiles.addObject().put("id", "other").put("name", "Other").put("url", "http://10.0.0.5:8000");
        s.put("language", "ky");
        s.put("darkTheme", true);
        s.put("lastPhone", "+996700000001");
        s.put("lastView", "map");
        s.put("windowWidth", 1024.0);
        s.put("windowHeight", 768.0);
        s.put("navCollapsed", false);
        ObjectNode filter = s.putObject("mapFilter");
        filter.putArray("status").add("OFFLINE");
        filter.put("faultedOnly", true);
        s.putArray("watchedSessions").add("s-1").add("s-2");
        s.putObject("reconPostgres").put("host", "db").put("port", 5432).put("database", "evpower").put("user", "ro")
                .put("sslMode", "verify-full");
        return s;
    }

    /** The values a place can be swapped for: the wrong type, null, empty, absurd. */
    private static final List<Function<JsonNode, JsonNode>> SWAPS = List.of(
            n -> F.nullNode(), n -> F.textNode(""), n -> F.textNode("x"), n -> F.numberNode(-1), n -> F.numberNode(Double.MAX_VALUE),
            n -> F.booleanNode(true), n -> F.arrayNode(), n -> F.arrayNode().add(F.nullNode()), n -> F.objectNode(),
            n -> F.objectNode().put("id", (String) null));

    @Test
    void tenThousandBrokenFilesAllGiveSettingsTheConsoleStartsOn() throws Exception {
        List<String> docs = new ArrayList<>();
        String whole = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(full());
        for (int i = 0; i < whole.length(); i++) {
            docs.add(whole.substring(0, i)); // half-written at every byte
        }
        List<List<Object>> paths = new ArrayList<>();
        collect(full(), new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            for (Function<JsonNode, JsonNode> swap : SWAPS) {
                ObjectNode d = full();
                replace(d, path, swap);
                docs.add(JSON.writeValueAsString(d));
            }
        }
        Random random = new Random(20261206);
        while (docs.size() < 10_000) { // several swaps at once, at random places
            ObjectNode d = full();
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                List<List<Object>> now = new ArrayList<>();
                collect(d, new ArrayList<>(), now);
                if (!now.isEmpty()) {
                    replace(d, now.get(random.nextInt(now.size())), SWAPS.get(random.nextInt(SWAPS.size())));
                }
            }
            String text = JSON.writeValueAsString(d);
            docs.add(random.nextInt(10) == 0 ? text.substring(0, random.nextInt(text.length())) : text);
        }
        docs.addAll(List.of("{\"customProfiles\":null}", "{\"customProfiles\":[{\"name\":\"no id\"}]}", "null", "[]", "\"text\"",
                "{\"customProfiles\":[null]}", "{\"selectedProfile\":\"gone\"}", "{\"language\":\"fr\"}", "{\"windowWidth\":\"wide\"}",
                "{\"windowWidth\":-5,\"windowHeight\":1e308}", "\u0000\u0001", "{\"customProfiles\":[{\"id\":\"sandbox\",\"url\":\"http://x\"}]}"));
        assertTrue(docs.size() >= 10_000, docs.size() + " documents");

        Path file = dir.resolve("settings.json");
        int keptAside = 0;
        for (String doc : docs) {
            Files.writeString(file, doc, StandardCharsets.UTF_8);
            Files.deleteIfExists(dir.resolve("settings.json.broken"));
            SettingsStore store = new SettingsStore(file);
            Settings s = store.load();
            startsOn(s, doc);
            if (store.problem() != null) {
                keptAside++;
                assertTrue(Files.exists(dir.resolve("settings.json.broken")), "an unusable file is kept aside: " + doc);
                assertFalse(Files.exists(file), "and not read again at the next start: " + doc);
            }
        }
        assertTrue(keptAside > 500, "the truncations at least are kept aside: " + keptAside);
        System.out.printf("settings fuzz: %d documents, %d kept aside as settings.json.broken, %d loaded, 0 failed to start%n", docs.size(),
                keptAside, docs.size() - keptAside);
    }

    @Test
    void aProfileWithoutAnIdOrAddressIsDropped_theRestKept_andANullListIsEmpty() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"selectedProfile\":\"b\",\"customProfiles\":[{\"name\":\"no id\",\"url\":\"http://a\"},"
                + "{\"id\":\"b\",\"name\":\"B\",\"url\":\"http://b\"},{\"id\":\"c\"},null,{\"id\":\"b\",\"url\":\"http://again\"}],"
                + "\"language\":\"en\",\"windowWidth\":1100}");
        Settings s = new SettingsStore(file).load();
        assertEquals(List.of(new Settings.Profile("b", "B", "http://b")), s.customProfiles);
        assertEquals("b", s.selectedProfile, "the chosen one is still there");
        assertEquals("en", s.language);
        assertEquals(1100, s.windowWidth);
        Files.writeString(file, "{\"customProfiles\":null,\"selectedProfile\":\"b\"}");
        Settings empty = new SettingsStore(file).load();
        assertEquals(List.of(), empty.customProfiles);
        assertEquals(Settings.SANDBOX, empty.selectedProfile, "a profile that is gone falls back to the sandbox");
    }

    /** What the console's start reads of the settings works on {@code s}. */
    private static void startsOn(Settings s, String doc) {
        assertNotNull(s, doc);
        assertNotNull(s.customProfiles, doc);
        for (Settings.Profile p : s.allProfiles()) {
            assertNotNull(p, doc);
            assertNotNull(p.id(), doc);
        }
        assertNotNull(s.profile(), doc);
        assertTrue(s.allProfiles().stream().anyMatch(p -> p.id().equals(s.selectedProfile)), doc);
        assertTrue(SettingsStore.LANGUAGES.contains(s.language), doc);
        assertNotNull(new Messages(s.language).get("app.title"), doc);
        assertTrue(s.windowWidth >= 400 && s.windowWidth <= 10_000 && s.windowHeight >= 400 && s.windowHeight <= 10_000, doc);
        // each feature's part is read by the feature, which takes a value it cannot read as not set
        SettingsStore store = new SettingsStore(Path.of("unused.json"));
        Remembered r = store.remembered(s, () -> { });
        r.get("mapFilter", kg.evpower.console.stations.StationFilter.class);
        r.get("navCollapsed", Boolean.class);
        r.get("reconPostgres", kg.evpower.console.payments.PostgresMoneySource.Settings.class);
        r.get("watchedSessions", new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> out) {
        if (!at.isEmpty()) {
            out.add(List.copyOf(at));
        }
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                at.add(name);
                collect(o.get(name), at, out);
                at.remove(at.size() - 1);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                at.add(i);
                collect(a.get(i), at, out);
                at.remove(at.size() - 1);
            }
        }
    }

    private static void replace(ObjectNode root, List<Object> path, Function<JsonNode, JsonNode> swap) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
            if (parent == null) {
                return;
            }
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && last instanceof String name) {
            o.set(name, swap.apply(o.get(name)));
        } else if (parent instanceof ArrayNode a && last instanceof Integer i && i < a.size()) {
            a.set(i, swap.apply(a.get(i)));
        }
    }
}
