package kg.evpower.console.people;

import java.util.List;
import kg.evpower.console.domain.Role;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;

/**
 * People: support staff manage owners, staff and operators; an owner manages their own operators — over production's
 * admin routes, which every EvPower server has (and the operator API's one listing where there is one). Operators
 * are not given the screen: production lets them read neither listing.
 */
public final class PeopleFeature implements Feature {

    private final Workspace ws;
    private PeopleViewModel vm;

    public PeopleFeature(Workspace ws) {
        this.ws = ws;
    }

    /** Whether the signed-in person may use the screen on this server. */
    static boolean offered(Workspace ws) {
        Role r = ws.account().role();
        return (r == Role.SUPERADMIN || r == Role.ADMIN) && (ws.caps().peopleManagement() || ws.caps().adminPeople());
    }

    private PeopleViewModel vm() {
        if (vm == null) {
            vm = new PeopleViewModel(ws.messages(), ws.formats(), new ApiPeopleGateway(ws.api(), ws.account(), ws.caps(), ws.messages()),
                    ws.tasks(), ws.account());
        }
        return vm;
    }

    @Override
    public List<MainView.NavItem> screens() {
        if (!offered(ws)) {
            return List.of();
        }
        return List.of(new MainView.NavItem("people", ws.messages().get("nav.people"), "mdi2a-account-group",
                () -> new PeopleView(vm(), ws.messages(), ws.formats()), () -> vm().reload()));
    }
}
