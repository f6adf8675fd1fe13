package kg.evpower.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket listener that keeps every text frame as JSON: in a queue to wait on, and all of them in order. */
public final class JsonFrames implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    public final List<JsonNode> all = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode f = JSON.readTree(partial.toString());
                all.add(f);
                queue.add(f);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        closed.complete(code);
        return null;
    }

    /** The next frame of {@code type} (others before it are passed over); fails after 5 s. */
    public JsonNode next(String type) throws InterruptedException {
        return next(type, 5);
    }

    public JsonNode next(String type, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            JsonNode f = queue.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && type.equals(f.path("type").asText())) {
                return f;
            }
        }
        throw new AssertionError("no " + type + " frame within " + seconds + " s");
    }
}
