package kg.evpower.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.platform.AtomicFiles;

/**
 * A script's session between runs ({@code --session FILE}): production sends one OTP code per phone per minute, so a
 * script that logged in afresh each time could not run twice in a minute. The file holds the server, the phone and the
 * session cookies (the refresh cookie lives 7 days and is rotated at each refresh, so the file is written again after
 * every run); it is written whole (temporary file, then moved) and readable by its owner alone, and a file others can
 * read is refused, as ssh refuses such a key. The console's window never writes its tokens to disk; only a script that
 * asks for this does.
 */
final class SessionFile {

    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    SessionFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The file cannot be used: it is open to others, or not a session file. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The cookies kept for this server and phone; empty when there is no file yet, or it is for another server or
     * phone (a new login replaces it).
     */
    Optional<Map<String, String>> read(String server, String phone) throws Unusable {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(p)) {
                    throw new Unusable(file + " can be read by others (" + java.nio.file.attribute.PosixFilePermissions.toString(p)
                            + "): it holds a session; chmod 600 it or remove it");
                }
            }
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.path("server").isTextual() || !n.path("cookies").isObject()) {
                throw new Unusable(file + " is not a session file of this command");
            }
            if (!n.path("server").asText().equals(server) || !n.path("phone").asText().equals(phone)) {
                return Optional.empty();
            }
            Map<String, String> cookies = new LinkedHashMap<>();
            n.path("cookies").fields().forEachRemaining(e -> cookies.put(e.getKey(), e.getValue().asText()));
            return Optional.of(cookies);
        } catch (IOException e) {
            throw new Unusable(file + " cannot be read: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? "not a session file of this command" : e.getClass().getSimpleName()));
        }
    }

    /** Keeps the session for the next run; the file is the owner's alone. */
    void write(String server, String phone, Map<String, String> cookies) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("server", server);
        doc.put("phone", phone);
        doc.put("cookies", cookies);
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, doc));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
