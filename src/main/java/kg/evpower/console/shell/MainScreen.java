package kg.evpower.console.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import kg.evpower.console.fx.BackgroundTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in session's main window: the features' screens in the navigation, the status bar (server, the live
 * feed's state, the request budget) and signing out; starts the features when shown and stops them when left.
 */
public final class MainScreen {

    private static final Logger LOG = LoggerFactory.getLogger(MainScreen.class);

    private final Workspace ws;
    private final List<Feature> features;
    private final MainView view;
    private final SimpleStringProperty budget = new SimpleStringProperty("");
    private BackgroundTask.Handle budgetTimer;

    /**
     * @param reopen the screen shown last time, opened again when this person has it
     * @param onShown told each screen's id when it is shown
     */
    public MainScreen(Workspace ws, List<Feature> features, String server, ObservableValue<String> live, Node preferences, Runnable about,
                      Runnable signedOut, String reopen, Consumer<String> onShown) {
        this.ws = ws;
        this.features = features;
        List<MainView.NavItem> nav = new ArrayList<>();
        features.forEach(f -> nav.addAll(f.screens()));
        javafx.beans.property.ObjectProperty<Boolean> collapseChoice = new javafx.beans.property.SimpleObjectProperty<>();
        kg.evpower.console.fx.Persist.bind(collapseChoice, ws.remembered(), "navCollapsed", Boolean.class, null);
        view = new MainView(ws.messages(), nav, server, ws.account().displayName(), ws.formats().role(ws.account().role()), live, budget,
                preferences, about, () -> {
                    BackgroundTask.run(() -> ws.api().auth().logout())
                            .onFailure(text -> LOG.info("logout: {}", text)).executeWith(ws.tasks());
                    signedOut.run();
                }, onShown, roleNote(ws), collapseChoice);
        if (nav.stream().anyMatch(n -> n.id().equals(reopen))) {
            view.show(reopen);
        }
    }

    /** What the signed-in role may do, in one sentence; none for support staff, who may do everything. */
    static String roleNote(Workspace ws) {
        return switch (ws.account().role()) {
            case OPERATOR -> ws.messages().get("role.note.operator");
            case ADMIN -> ws.messages().get("role.note.admin");
            default -> null;
        };
    }

    public MainView view() {
        return view;
    }

    public void start() {
        Runnable showBudget = () -> budget.set(ws.messages().format(ws.api().budget().shared() ? "status.budget.shared" : "status.budget",
                ws.api().budget().inWindow(), ws.api().budget().perWindow()));
        showBudget.run();
        budgetTimer = ws.tasks().schedule(Duration.ofSeconds(2), true, showBudget);
        features.forEach(Feature::start);
    }

    public void stop() {
        if (budgetTimer != null) {
            budgetTimer.cancel();
            budgetTimer = null;
        }
        features.forEach(Feature::stop);
    }
}
