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

    @Override
    public List<MainView.NavItem> screens() {
        String who = ws.who();
        return List.of(new MainView.NavItem("push", ws.messages().get("nav.push"), "mdi2b-bell-ring", () -> new PushView(
                new PushViewModel(ws.messages(), ws.formats(), new ApiPushGateway(ws.api(), ws.account(), ws.caps(), ws.messages()), ws.tasks(),
                        new PushHistory(ws.journals().resolve(HISTORY)), () -> who, Instant::now),
                ws.messages(), ws.formats())));
    }
}
