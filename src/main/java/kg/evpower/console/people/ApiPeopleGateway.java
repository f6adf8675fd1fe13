package kg.evpower.console.people;

import java.util.function.Supplier;
import kg.evpower.console.api.ApiException;
import kg.evpower.console.api.EvPowerClient;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.ServerCapabilities;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.domain.UserAccount;
import kg.evpower.console.i18n.ErrorTexts;
import kg.evpower.console.i18n.Messages;
import kg.evpower.console.i18n.ServerTexts;

/**
 * {@link PeopleGateway} over production's {@code /admin/users} and {@code /admin/operators} (contract §2.5). An
 * operator is (de)activated through the operators routes, anyone else through the users routes; what the server
 * answers is said in the operator's language, and the refusals production words badly are explained: a phone that
 * belongs to a customer cannot become an operator's, and a change to an account without an email is saved but answered
 * with a 500.
 */
public final class ApiPeopleGateway implements PeopleGateway {

    private final EvPowerClient api;
    private final UserAccount me;
    private final ServerCapabilities caps;
    private final Messages m;

    public ApiPeopleGateway(EvPowerClient api, UserAccount me, ServerCapabilities caps, Messages m) {
        this.api = api;
        this.me = me;
        this.caps = caps;
        this.m = m;
    }

    @Override
    public PeopleListing people() {
        return call(() -> api.people().visibleTo(me, caps));
    }

    @Override
    public String createStaff(String email, String password, Role role, String name) {
        StaffMember made = call(() -> api.people().createUser(email, password, role, name));
        return m.format("people.done.created", made.displayName());
    }

    @Override
    public String addOperator(String phone, String name) {
        StaffMember made = call(() -> api.people().createOperator(phone, name, me.userId()));
        return m.format("people.done.operatorAdded", made.displayName());
    }

    @Override
    public String changeRole(StaffMember person, Role role) {
        call(() -> api.people().changeRole(person.id(), role));
        return m.format("people.done.role", person.displayName(), m.get("role." + role.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public String setActive(StaffMember person, boolean active) {
        String said = call(() -> person.role() == Role.OPERATOR
                ? active ? api.people().activateOperator(person.id()) : api.people().deactivateOperator(person.id())
                : active ? api.people().activateUser(person.id()) : api.people().deactivateUser(person.id()));
        return said == null || said.isBlank() ? m.get(active ? "people.done.activated" : "people.done.deactivated") : ServerTexts.say(m, said);
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            throw new Failure(explain(e), e);
        }
    }

    /** The server's refusal in the operator's words. */
    private String explain(ApiException e) {
        String said = e.serverMessage();
        if (said != null && said.startsWith("Этот номер уже используется клиентом")) {
            return m.format("people.error.isClient", said);
        }
        if (said != null && said.startsWith("Этот номер уже зарегистрирован как владелец")) {
            return m.format("people.error.isOwner", said);
        }
        if (said != null && said.contains("SUPABASE_SERVICE_ROLE_KEY")) {
            return m.format("people.error.noSupabase", said);
        }
        if (e.kind() == ApiException.Kind.SERVER && said != null && said.startsWith("Ошибка при получении")) {
            return m.format("people.error.savedButFailed", said);
        }
        // production's refusals are {"detail": "<Russian>"} with 400, 403 or 404: its own words, in the operator's language
        boolean worded = said != null && e.httpStatus() != 422 && (e.kind() == ApiException.Kind.VALIDATION
                || e.kind() == ApiException.Kind.FORBIDDEN || e.kind() == ApiException.Kind.NOT_FOUND);
        return worded ? ServerTexts.say(m, said) : ErrorTexts.of(m, e);
    }
}
