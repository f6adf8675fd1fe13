package kg.evpower.sandbox.server.http;

import io.javalin.http.Context;

/** Query parameters read the way production's FastAPI reads them, with its 422 messages. */
final class Params {

    private Params() {
    }

    static int intParam(Context ctx, String name, int def, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return def;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.queryValidation(name, "int_parsing", "Input should be a valid integer, unable to parse string as an integer", v);
        }
        if (n < min) {
            throw ApiError.queryValidation(name, "greater_than_equal", "Input should be greater than or equal to " + min, v);
        }
        if (n > max) {
            throw ApiError.queryValidation(name, "less_than_equal", "Input should be less than or equal to " + max, v);
        }
        return n;
    }
}
