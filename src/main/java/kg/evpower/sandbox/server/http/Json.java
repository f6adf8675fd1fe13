package kg.evpower.sandbox.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small JSON helpers for building production's response shapes in order. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Parses the request body as a JSON object; a body that is not JSON gets FastAPI's 422
     * {@code json_invalid} answer.
     */
    public static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            throw ApiError.validation("body", "missing", "Field required", null);
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiError.validation("body", "model_attributes_type", "Input should be a valid dictionary or object", text);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.validation("body", "json_invalid", "JSON decode error", text);
        }
    }

    /** A string field, or null when absent; 422 when present with another type. */
    public static String string(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (n instanceof MissingNode || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.validation(field, "string_type", "Input should be a valid string", n.toString());
        }
        return n.asText();
    }

    public static String requiredString(JsonNode body, String field) {
        String v = string(body, field);
        if (v == null) {
            throw ApiError.validation(field, "missing", "Field required", null);
        }
        return v;
    }
}
