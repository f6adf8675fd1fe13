package kg.evpower.sandbox.server.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response that ends the request with a given status and JSON body, in one of production's error shapes. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object body;

    public ApiError(int status, Object body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    /** Middleware shape: {@code {"success":false,"error","message","status"}}. */
    public static ApiError middleware(int status, String error, String message) {
        return new ApiError(status, Json.obj("success", false, "error", error, "message", message, "status", status));
    }

    /** Business shape: {@code {"success":false,"error","message"}} (HTTP status as given, usually 200). */
    public static ApiError business(int status, String error, String message) {
        return new ApiError(status, Json.obj("success", false, "error", error, "message", message));
    }

    /** FastAPI {@code HTTPException} shape: {@code {"detail": ...}}. */
    public static ApiError detail(int status, Object detail) {
        return new ApiError(status, Json.obj("detail", detail));
    }

    /** FastAPI validation error: 422 {@code {"detail":[{type, loc, msg, input}]}}. */
    public static ApiError validation(String field, String type, String msg, Object input) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("loc", List.of("body", field));
        item.put("msg", msg);
        item.put("input", input);
        return new ApiError(422, Json.obj("detail", List.of(item)));
    }

    public static ApiError queryValidation(String field, String type, String msg, Object input) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("loc", List.of("query", field));
        item.put("msg", msg);
        item.put("input", input);
        return new ApiError(422, Json.obj("detail", List.of(item)));
    }

    /**
     * Production's error answers on {@code app}: an {@link ApiError} as its status and body, Starlette's for unknown
     * paths and methods, and a plain 500 for anything else (logged with {@code log}, never a stack trace to the caller).
     */
    public static void installHandlers(io.javalin.Javalin app, org.slf4j.Logger log) {
        app.exception(ApiError.class, (e, c) -> c.status(e.status()).json(e.body()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, c) -> c.status(e.getStatus()).json(Json.obj("detail",
                e.getStatus() == 404 ? "Not Found" : e.getStatus() == 405 ? "Method Not Allowed" : e.getMessage())));
        app.exception(Exception.class, (e, c) -> {
            log.error("unhandled error on {} {}", c.method(), c.path(), e);
            c.status(500).contentType("text/plain; charset=utf-8").result("Internal Server Error");
        });
    }
}
