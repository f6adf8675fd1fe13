package kg.evpower.console.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.domain.UserAccount;

/**
 * Owners, operators and support staff: production's {@code /admin/users} and {@code /admin/operators} (contract §2.5),
 * and the operator API's {@code /admin/people}. {@link #visibleTo} is the one way the console reads people.
 */
public final class PeopleApi {

    /** Production's largest page of {@code /admin/users}. */
    static final int PAGE = 100;

    private final ApiTransport t;

    PeopleApi(ApiTransport t) {
        this.t = t;
    }

    /** One page of {@code /admin/users} (superadmin only) with the listing's total. */
    public record StaffPage(int total, List<StaffMember> people) {
    }

    /**
     * Everyone {@code me} may manage. With the operator API, its one listing. Without it: a superadmin reads owners and
     * support staff from {@code /admin/users} by role, every page, and operators from {@code /admin/operators} — never
     * the unfiltered users listing, which answers 500 for the whole page as soon as one phone-created operator (no
     * email) exists; an owner gets themselves and their own operators. Operators may read neither listing: empty.
     */
    public PeopleListing visibleTo(UserAccount me, ServerCapabilities caps) {
        if (me.role() != Role.SUPERADMIN && me.role() != Role.ADMIN) {
            return new PeopleListing(List.of(), List.of(), true);
        }
        if (caps.adminPeople()) {
            Dto.People r = t.call("GET", ServerCapabilities.ADMIN_PEOPLE, null, Dto.People.class, ApiTransport.Auth.SESSION);
            return new PeopleListing(r.people() == null ? List.of() : r.people().stream().map(WireMapper::person).toList(), List.of(), true);
        }
        Map<String, StaffMember> byId = new LinkedHashMap<>();
        List<Role> unreadable = new ArrayList<>();
        if (me.role() == Role.SUPERADMIN) {
            for (Role role : List.of(Role.ADMIN, Role.SUPERADMIN)) {
                try {
                    allUsers(role).forEach(s -> byId.putIfAbsent(s.id(), s));
                } catch (ApiException e) {
                    if (e.kind() != ApiException.Kind.SERVER) {
                        throw e;
                    }
                    unreadable.add(role);
                }
            }
        } else {
            byId.put(me.userId(), new StaffMember(me.userId(), me.name(), me.email(), me.phone(), me.role(), me.active(), me.stationsCount(),
                    me.locationsCount(), null, null));
        }
        String owner = me.role() == Role.ADMIN ? me.userId() : null;
        adminOperators(owner).forEach(s -> byId.merge(s.id(), s, StaffMember::or));
        return new PeopleListing(new ArrayList<>(byId.values()), unreadable, me.role() == Role.ADMIN);
    }

    /** Every page of {@code /admin/users} for one role. */
    private List<StaffMember> allUsers(Role role) {
        List<StaffMember> out = new ArrayList<>();
        for (int page = 1;; page++) {
            StaffPage p = adminUsers(role.name().toLowerCase(java.util.Locale.ROOT), page, PAGE);
            out.addAll(p.people());
            if (p.people().size() < PAGE || (long) page * PAGE >= p.total()) {
                return out;
            }
        }
    }

    /** {@code GET /admin/users} filtered by role ({@code admin|superadmin|operator}, or null for all), one page. */
    public StaffPage adminUsers(String role, int page, int perPage) {
        Dto.AdminUsers r = t.call("GET", "/api/v1/admin/users?page=" + page + "&per_page=" + perPage + (role == null ? "" : "&role=" + ApiTransport.enc(role)),
                null, Dto.AdminUsers.class, ApiTransport.Auth.SESSION);
        List<StaffMember> people = r.users() == null ? List.of() : r.users().stream().map(WireMapper::staff).toList();
        return new StaffPage(r.total() == null ? people.size() : r.total(), people);
    }

    /** {@code GET /admin/operators}: an admin's own operators (their {@code ownerId} given), or every operator for a superadmin. */
    public List<StaffMember> adminOperators(String ownerId) {
        Dto.Operators r = t.call("GET", ServerCapabilities.ADMIN_OPERATORS, null, Dto.Operators.class, ApiTransport.Auth.SESSION);
        return r.operators() == null ? List.of() : r.operators().stream().map(o -> WireMapper.operator(o, ownerId)).toList();
    }

    /**
     * {@code POST /admin/users} (superadmin): an account with email and password, which can sign in only through the
     * deprecated password login, never by WhatsApp code.
     */
    public StaffMember createUser(String email, String password, Role role, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
        if (name != null && !name.isBlank()) {
            body.put("name", name);
        }
        return WireMapper.staff(t.call("POST", ServerCapabilities.ADMIN_USERS, body, Dto.AdminUserOne.class, ApiTransport.Auth.SESSION).user());
    }

    /** {@code PUT /admin/users/{id}} (superadmin, not oneself): the new role. */
    public StaffMember changeRole(String id, Role role) {
        return WireMapper.staff(t.call("PUT", ServerCapabilities.ADMIN_USERS + "/" + ApiTransport.enc(id),
                Map.of("role", role.name().toLowerCase(java.util.Locale.ROOT)), Dto.AdminUserOne.class, ApiTransport.Auth.SESSION).user());
    }

    /** {@code DELETE /admin/users/{id}}: soft deactivation; the server's message. */
    public String deactivateUser(String id) {
        return message("DELETE", ServerCapabilities.ADMIN_USERS + "/" + ApiTransport.enc(id));
    }

    public String activateUser(String id) {
        return message("POST", ServerCapabilities.ADMIN_USERS + "/" + ApiTransport.enc(id) + "/activate");
    }

    /** {@code POST /admin/operators} (admin): an operator of the caller, who signs in by WhatsApp code. */
    public StaffMember createOperator(String phone, String name, String ownerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        if (name != null && !name.isBlank()) {
            body.put("name", name);
        }
        return WireMapper.operator(t.call("POST", ServerCapabilities.ADMIN_OPERATORS, body, Dto.OperatorDto.class, ApiTransport.Auth.SESSION),
                ownerId);
    }

    public String deactivateOperator(String id) {
        return message("DELETE", ServerCapabilities.ADMIN_OPERATORS + "/" + ApiTransport.enc(id));
    }

    public String activateOperator(String id) {
        return message("POST", ServerCapabilities.ADMIN_OPERATORS + "/" + ApiTransport.enc(id) + "/activate");
    }

    private String message(String method, String path) {
        return t.call(method, path, null, Dto.Message.class, ApiTransport.Auth.SESSION).message();
    }
}
