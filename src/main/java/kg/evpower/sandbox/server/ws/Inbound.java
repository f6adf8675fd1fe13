package kg.evpower.sandbox.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading what a WebSocket client sends. */
final class Inbound {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Inbound() {
    }

    /** The message as JSON, or null when it is not JSON. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
