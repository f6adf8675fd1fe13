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
 * Owners, operators and support staff: production's {@code /admin/users} and {@code /admin/operators} (contract §2.5).
 */
public final class PeopleApi {

    private final ApiTransport t;

    PeopleApi(ApiTransport t) {
        this.t = t;
    }

    /** One page of {@code /admin/users} (superadmin only) with the listing's total. */
    public record StaffPage(int total, List<kg.evpower.console.domain.StaffMember> people) {
    }

    /** {@code GET /admin/users} filtered by role ({@code admin|superadmin|operator}, or null for all), one page. */
    public StaffPage adminUsers(String role, int page, int perPage) {
        Dto.AdminUsers r = t.call("GET", "/api/v1/admin/users?page=" + page + "&per_page=" + perPage + (role == null ? "" : "&role=" + ApiTransport.enc(role)),
                null, Dto.AdminUsers.class, ApiTransport.Auth.SESSION);
        List<kg.evpower.console.domain.StaffMember> people = r.users() == null ? List.of()
                : r.users().stream().map(WireMapper::staff).toList();
        return new StaffPage(r.total() == null ? people.size() : r.total(), people);
    }

    /** {@code GET /admin/operators}: an admin's own operators, or every operator for a superadmin. */
    public List<kg.evpower.console.domain.StaffMember> adminOperators() {
        Dto.Operators r = t.call("GET", "/api/v1/admin/operators", null, Dto.Operators.class, ApiTransport.Auth.SESSION);
        return r.operators() == null ? List.of() : r.operators().stream().map(WireMapper::operator).toList();
    }
}
