package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps every error shape of the backend (contract §0.6) to an {@link ApiException}: HTTP 200 with
 * {@code success:false}, middleware 401/403/429 bodies, FastAPI {@code {"detail": string|object|list}}, 422
 * validation lists, and text/plain 500. Returns null when the response is a success.
 */
public final class ErrorMapper {

    private final ObjectMapper json;

    public ErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Parses the body as JSON, or throws PROTOCOL for a 2xx body that is not JSON. */
    public JsonNode parse(int status, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            if (status >= 200 && status < 300) {
                throw new ApiException(ApiException.Kind.PROTOCOL, status, "malformed_json", null, e);
            }
            return null;
        }
    }

    /** The error this response stands for, or null for a success. */
    public ApiException map(int status, String body) {
        JsonNode node = parse(status, body);
        String code = null;
        String message = null;
        if (node != null && node.isObject()) {
            if (node.has("error") && node.get("error").isTextual()) {
                code = node.get("error").asText();
            }
            if (node.has("message") && node.get("message").isTextual()) {
                message = node.get("message").asText();
            }
            JsonNode detail = node.get("detail");
            if (detail != null) {
                if (detail.isTextual()) {
                    message = detail.asText();
                } else if (detail.isObject()) { // {"detail":{"error","message","success":false}}
                    code = detail.path("error").isTextual() ? detail.get("error").asText() : code;
                    message = detail.path("message").isTextual() ? detail.get("message").asText() : message;
                } else if (detail.isArray()) {
                    message = validationText(detail);
                    code = code == null ? "validation_error" : code;
                }
            }
        }
        if (status >= 200 && status < 300) {
            if (node == null) {
                return null;
            }
            if (node.isObject() && node.has("success") && node.get("success").isBoolean() && !node.get("success").asBoolean()) {
                // "internal_error" with "status":500 also arrives on HTTP 200 (station status, contract §3.1)
                boolean serverSide = node.path("status").asInt(0) >= 500 || "internal_error".equals(code);
                return new ApiException(serverSide ? ApiException.Kind.SERVER : businessKind(code), status, code, message);
            }
            return null;
        }
        if (node == null && body != null && !body.isBlank() && message == null) {
            message = body.length() > 200 ? body.substring(0, 200) : body.strip();
        }
        ApiException.Kind kind = switch (status) {
            case 401 -> ApiException.Kind.UNAUTHORIZED;
            case 403 -> code != null && code.startsWith("csrf") ? ApiException.Kind.CSRF : ApiException.Kind.FORBIDDEN;
            case 404 -> ApiException.Kind.NOT_FOUND;
            case 422, 400 -> ApiException.Kind.VALIDATION;
            case 429 -> ApiException.Kind.RATE_LIMITED;
            default -> status >= 500 ? ApiException.Kind.SERVER : ApiException.Kind.PROTOCOL;
        };
        return new ApiException(kind, status, code, message);
    }

    private static ApiException.Kind businessKind(String code) {
        if (code == null) {
            return ApiException.Kind.BUSINESS;
        }
        String c = code.toLowerCase(Locale.ROOT);
        if (c.endsWith("not_found")) {
            return ApiException.Kind.NOT_FOUND;
        }
        if (c.equals("unauthorized")) {
            return ApiException.Kind.UNAUTHORIZED;
        }
        return ApiException.Kind.BUSINESS;
    }

    /** "phone: String should have at least 10 characters; code: Field required". */
    static String validationText(JsonNode list) {
        List<String> parts = new ArrayList<>();
        for (JsonNode item : list) {
            String field = "";
            JsonNode loc = item.path("loc");
            if (loc.isArray() && loc.size() > 0) {
                field = loc.get(loc.size() - 1).asText();
            }
            String msg = item.path("msg").asText("invalid");
            parts.add(field.isEmpty() ? msg : field + ": " + msg);
        }
        return String.join("; ", parts);
    }
}
