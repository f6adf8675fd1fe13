package kg.evpower.console.sessions;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.geometry.Pos;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;
import javafx.util.Duration;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator about new session problems: through the desktop's notification area when it has one (AWT's
 * system tray, reached off the FX thread), and always as a card in the console's lower right corner (ControlsFX
 * Notifications) that goes away after a few seconds or on a click.
 */
public final class ProblemAlertsView implements SessionsViewModel.Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAlertsView.class);

    private final Window owner;
    private final Messages m;
    private final Executor background;
    private volatile java.awt.TrayIcon tray;
    private volatile boolean trayTried;

    public ProblemAlertsView(Window owner, Messages m, Executor background) {
        this.owner = owner;
        this.m = m;
        this.background = background;
    }

    /** FX thread. */
    @Override
    public void notify(List<SessionProblem> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        String title;
        String body;
        if (fresh.size() == 1) {
            SessionProblem p = fresh.get(0);
            title = m.get("sessions.problem." + p.kind().key() + ".title");
            body = m.format("notify.problem.one", p.stationId(), p.sessionId());
        } else {
            Map<SessionProblem.Kind, Integer> n = new EnumMap<>(SessionProblem.Kind.class);
            fresh.forEach(p -> n.merge(p.kind(), 1, Integer::sum));
            title = m.format("notify.problem.many", fresh.size());
            StringBuilder b = new StringBuilder();
            n.forEach((k, c) -> b.append(b.length() == 0 ? "" : "\n").append(m.get("sessions.problem." + k.key() + ".title"))
                    .append(": ").append(c));
            body = b.toString();
        }
        showCard(title, body);
        background.execute(() -> tray(title, body));
    }

    /** A card in the window's lower right corner (ControlsFX Notifications) that goes after 8 s or on a click. */
    private void showCard(String title, String body) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        FontIcon icon = new FontIcon("mdi2a-alert-circle-outline");
        icon.setIconSize(28);
        icon.setId("problem-toast");
        Notifications.create().owner(owner).title(title).text(body).graphic(icon).position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(8)).show();
    }

    /** The desktop's own notification, where there is a notification area; nothing otherwise. */
    private void tray(String title, String body) {
        try {
            if (!trayTried) {
                trayTried = true;
                if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.SystemTray.isSupported()) {
                    return;
                }
                java.awt.Image image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_ARGB);
                java.awt.TrayIcon icon = new java.awt.TrayIcon(image, "EvPower");
                icon.setImageAutoSize(true);
                java.awt.SystemTray.getSystemTray().add(icon);
                tray = icon;
            }
            if (tray != null) {
                tray.displayMessage(title, body, java.awt.TrayIcon.MessageType.WARNING);
            }
        } catch (java.awt.AWTException | RuntimeException | LinkageError e) {
            LOG.info("no desktop notification area: {}", e.toString());
            tray = null;
        }
    }

    /** Removes the notification-area icon (on logout or exit). */
    public void close() {
        java.awt.TrayIcon t = tray;
        tray = null;
        if (t != null) {
            background.execute(() -> java.awt.SystemTray.getSystemTray().remove(t));
        }
    }
}
