package kg.evpower.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kg.evpower.console.domain.ChargingSession;
import kg.evpower.console.domain.Location;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.Station;
import kg.evpower.console.domain.UserAccount;

/**
 * The operator API's money reads for reconciliation: topups, ledger, billing sessions, balances, and a topup recheck.
 */
public final class MoneyApi {

    private final ApiTransport t;

    MoneyApi(ApiTransport t) {
        this.t = t;
    }

    /** Operator API money reads: one page after a cursor (null for the first), with the period in UTC. */
    public Dto.TopupsPage adminTopups(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return t.call("GET", ServerCapabilities.ADMIN_TOPUPS + page(from, to, after, limit), null, Dto.TopupsPage.class, ApiTransport.Auth.SESSION);
    }

    public Dto.LedgerPage adminLedger(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return t.call("GET", ServerCapabilities.ADMIN_LEDGER + page(from, to, after, limit), null, Dto.LedgerPage.class, ApiTransport.Auth.SESSION);
    }

    public Dto.BillingPage adminBillingSessions(java.time.Instant from, java.time.Instant to, String after, int limit) {
        return t.call("GET", ServerCapabilities.ADMIN_BILLING + page(from, to, after, limit), null, Dto.BillingPage.class, ApiTransport.Auth.SESSION);
    }

    public Dto.BalancesPage adminBalances(String after, int limit) {
        return t.call("GET", ServerCapabilities.ADMIN_BALANCES + page(null, null, after, limit), null, Dto.BalancesPage.class, ApiTransport.Auth.SESSION);
    }

    /** Operator API: asks the provider about one topup and credits it if it was paid and never credited. */
    public Dto.Recheck adminRecheckTopup(String invoiceId) {
        return t.call("POST", ServerCapabilities.ADMIN_TOPUPS + "/" + ApiTransport.enc(invoiceId) + "/recheck", java.util.Map.of(), Dto.Recheck.class,
                ApiTransport.Auth.SESSION);
    }

    private static String page(java.time.Instant from, java.time.Instant to, String after, int limit) {
        StringBuilder q = new StringBuilder("?limit=").append(limit);
        if (from != null) {
            q.append("&from=").append(ApiTransport.enc(from.toString()));
        }
        if (to != null) {
            q.append("&to=").append(ApiTransport.enc(to.toString()));
        }
        if (after != null) {
            q.append("&after_id=").append(ApiTransport.enc(after));
        }
        return q.toString();
    }
}
