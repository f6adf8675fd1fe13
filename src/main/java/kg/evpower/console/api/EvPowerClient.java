package kg.evpower.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;

/**
 * The console's client for one EvPower server: one {@link ApiTransport} (cookies, CSRF, refresh, rate budget, error
 * mapping) and the endpoint groups over it, one per feature. Blocking: call it off the FX thread.
 */
public final class EvPowerClient {

    private final ApiTransport transport;
    private final AuthApi auth;
    private final StationsApi stations;
    private final SessionsApi sessions;
    private final MoneyApi money;
    private final PushApi push;
    private final PeopleApi people;
    private final StatsApi stats;
    private final ServerApi server;

    public EvPowerClient(URI base, RequestBudget budget, Duration timeout) {
        this(base, null, budget, timeout);
    }

    /**
     * A client for {@code base} with an operator gateway beside it ({@code gateway}, or null): once
     * {@code server().capabilities()} has read the gateway's document, the operator-API paths it serves are asked of
     * it, with the session's access cookie alone.
     */
    public EvPowerClient(URI base, URI gateway, RequestBudget budget, Duration timeout) {
        this.transport = new ApiTransport(base, gateway, budget, timeout);
        this.auth = new AuthApi(transport);
        this.stations = new StationsApi(transport);
        this.sessions = new SessionsApi(transport);
        this.money = new MoneyApi(transport);
        this.push = new PushApi(transport);
        this.people = new PeopleApi(transport);
        this.stats = new StatsApi(transport);
        this.server = new ServerApi(transport);
    }

    /** The JSON mapper for wire DTOs: snake_case, lenient, exact decimals. */
    public static ObjectMapper mapper() {
        return ApiTransport.mapper();
    }

    public AuthApi auth() {
        return auth;
    }

    public StationsApi stations() {
        return stations;
    }

    public SessionsApi sessions() {
        return sessions;
    }

    public MoneyApi money() {
        return money;
    }

    public PushApi push() {
        return push;
    }

    public PeopleApi people() {
        return people;
    }

    public StatsApi stats() {
        return stats;
    }

    public ServerApi server() {
        return server;
    }

    ApiTransport transport() {
        return transport;
    }

    public URI baseUri() {
        return transport.baseUri();
    }

    public CookieJar cookies() {
        return transport.cookies();
    }

    public RequestBudget budget() {
        return transport.budget();
    }

    /** How many refreshes this client performed (shared refreshes count once). */
    public int refreshCount() {
        return transport.refreshCount();
    }

    /** One raw call through the pipeline (budget, cookies, CSRF, refresh, errors); the endpoint groups are built on it. */
    public <T> T call(String method, String path, Object body, Class<T> type, ApiTransport.Auth auth) {
        return transport.call(method, path, body, type, auth);
    }
}
