package kg.evpower.console.stations;

import java.time.Instant;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import kg.evpower.console.domain.Connector;
import kg.evpower.console.domain.Station;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.fx.StatusPalette;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One station in the map's side panel: id (copied with a click), status in the system, model, serial, power, the
 * three ideas of "online" the backend has, heartbeat, tariff, and every connector with its OCPP error code.
 */
final class StationCardView {

    private StationCardView() {
    }

    /** The card of one station, as of {@code now}. */
    static Node of(Station s, Instant now, Messages m, Formats f) {
        Label id = new Label(s.id(), new Circle(5, StatusPalette.of(s.state(now))));
        id.getStyleClass().add("text-bold");
        Button copy = new Button(null, new FontIcon("mdi2c-content-copy"));
        copy.getStyleClass().add("flat");
        copy.setTooltip(new Tooltip(m.get("map.details.copy")));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(s.id());
            Clipboard.getSystemClipboard().setContent(c);
            copy.setTooltip(new Tooltip(m.format("map.details.copied", s.id())));
        });
        HBox head = new HBox(6, id, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(3);
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints(110, 130, 150);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(90);
        g.getColumnConstraints().addAll(keys, values);
        int r = 0;
        Tooltip online3 = new Tooltip(m.get("map.station.onlineTip"));
        online3.setWrapText(true);
        online3.setMaxWidth(360);
        row(g, r++, "map.station.status", f.status(s.state(now)), m).setTooltip(online3);
        String differs = s.stateDiffers(now);
        if (differs != null) {
            // production's own word beside the console's, with why they differ
            row(g, r++, "map.station.serverStatus", f.status(s.status()), m).setTooltip(new Tooltip(m.get(differs)));
            Label why = new Label(m.get(differs));
            why.setWrapText(true);
            why.getStyleClass().add("text-muted");
            g.add(why, 0, r++, 2, 1);
        }
        row(g, r++, "map.station.model", (s.manufacturer() == null ? "" : s.manufacturer() + " ") + (s.model() == null ? "" : s.model()), m);
        row(g, r++, "map.station.serial", s.serialNumber(), m);
        row(g, r++, "map.station.power", s.powerKw() == null ? "—" : f.power(s.powerKw()) + " " + m.get("overview.col.power"), m);
        row(g, r++, "map.station.admin", s.adminStatus() == null ? f.yesNoUnknown(null) : m.get("admin." + s.adminStatus()), m);
        row(g, r++, "map.station.online", f.yesNoUnknown(s.online()), m).setTooltip(online3);
        row(g, r++, "map.station.available", f.yesNoUnknown(s.isAvailable()), m).setTooltip(online3);
        row(g, r++, "map.station.heartbeat", f.ago(s.lastHeartbeat(), now), m);
        if (s.tariff() != null) {
            row(g, r++, "map.station.tariff", m.format("map.station.tariff.value", f.money(s.tariff().pricePerKwh()),
                    f.money(s.tariff().sessionFee())), m);
        }
        VBox card = new VBox(4, head, g);
        if (!s.connectorList().isEmpty()) {
            Label ct = new Label(m.get("map.station.connectors"));
            ct.getStyleClass().add("text-muted");
            card.getChildren().add(ct);
            for (Connector c : s.connectorList()) {
                String line = m.format("map.connector.line", c.number(), c.type() == null ? "?" : c.type(),
                        c.powerKw() == null ? "—" : f.power(c.powerKw())) + " — " + f.connectorStatus(c.status())
                        + (c.errorCode() == null || "NoError".equals(c.errorCode()) ? "" : " (" + c.errorCode() + ")")
                        + (c.since() == null ? "" : ", " + m.format("map.connector.since", f.ago(c.since(), now)));
                Label l = new Label(line, new Circle(4, StatusPalette.of(c.status())));
                l.setWrapText(true);
                card.getChildren().add(l);
            }
        }
        card.getStyleClass().add("station-card");
        card.setPadding(new Insets(8));
        return card;
    }

    private static Label row(GridPane g, int r, String key, String value, Messages m) {
        Label k = new Label(m.get(key));
        k.getStyleClass().add("text-muted");
        k.setWrapText(true);
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        g.addRow(r, k, v);
        return v;
    }
}
