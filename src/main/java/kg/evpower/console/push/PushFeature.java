package kg.evpower.console.push;

import java.time.Instant;
import java.util.List;
import kg.evpower.console.shell.Feature;
import kg.evpower.console.shell.MainView;
import kg.evpower.console.shell.Workspace;

/**
 * Test pushes to owners: through the operator API when the server has it, else production's self-test; every send
 * goes to the local history beside the settings.
 */
public final class PushFeature implements Feature {

    public static final String HISTORY = "push-history.jsonl";

    private final Workspace ws;

    public PushFeature(Workspace ws) {
        this.ws = ws;
    }

    private PushViewModel vm;

    /** The view model, made when the screen is first shown. */
    private PushViewModel vm() {
        if (vm == null) {
            String who = ws.who();
            vm = new PushViewModel(ws.messages(), ws.formats(), new ApiPushGateway(ws.api(), ws.account(), ws.caps(), ws.messages()),
                    ws.tasks(), new PushHistory(ws.journals().resolve(HISTORY)), () -> who, Instant::now);
        }
        return vm;
    }

    @Override
    public List<MainView.NavItem> screens() {
        return List.of(new MainView.NavItem("push", ws.messages().get("nav.push"), "mdi2b-bell-ring",
                () -> new PushView(vm(), ws.messages(), ws.formats()), () -> {
                    if (vm().mode() == PushGateway.Mode.OPERATOR_API) {
                        vm().reloadPeople();
                    }
                }));
    }
}
