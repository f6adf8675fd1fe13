package kg.evpower.console.people;

import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.i18n.ErrorTexts;

/**
 * What the people screen asks of the server. Every method blocks (call it off the FX thread); an action answers with
 * the server's own words said in the operator's language, and fails with a {@link Failure} said the same way.
 */
public interface PeopleGateway {

    /** Everyone the signed-in person may manage, read the one way the console reads people. */
    PeopleListing people();

    /** A superadmin creates an owner ({@code ADMIN}) or a member of support staff ({@code SUPERADMIN}) with email and password. */
    String createStaff(String email, String password, Role role, String name);

    /** An owner adds an operator of their own by phone ({@code +996…}, normalised). */
    String addOperator(String phone, String name);

    /** A superadmin changes someone's role (not their own). */
    String changeRole(StaffMember person, Role role);

    /** Takes access away ({@code false}) or gives it back. */
    String setActive(StaffMember person, boolean active);

    /** A refusal or failure, already in the operator's words. */
    final class Failure extends RuntimeException implements ErrorTexts.UserFacing {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
