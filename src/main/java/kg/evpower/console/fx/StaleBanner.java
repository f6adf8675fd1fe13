package kg.evpower.console.fx;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import kg.evpower.console.i18n.Messages;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The one banner every live view shows while its data may be out of date («Нет связи… Данные на 14:05:31»), and the
 * dimming of what it is about; gone by itself when the data flows again.
 */
public final class StaleBanner {

    private StaleBanner() {
    }

    /** The banner for {@code f}, shown only while a channel is lost. */
    public static Label of(Freshness f, Messages m, Formats formats) {
        Label banner = new Label(null, new FontIcon("mdi2c-cloud-off-outline"));
        banner.setId("stale-banner");
        banner.getStyleClass().add("stale-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(Bindings.createStringBinding(() -> text(f, m, formats), f.asOfProperty(), f.whyProperty()));
        banner.visibleProperty().bind(f.downProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** What the banner says: why, and the time of the data on screen. */
    public static String text(Freshness f, Messages m, Formats formats) {
        String why = f.whyProperty().get();
        String reason = why == null || why.isBlank() ? m.get("stale.noLink") : why;
        return f.asOfProperty().get() == null ? m.format("stale.never", reason)
                : m.format("stale.asOf", reason, formats.time(f.asOfProperty().get()));
    }

    /** Dims {@code nodes} while the data may be out of date. */
    public static void dim(Freshness f, Node... nodes) {
        for (Node n : nodes) {
            n.opacityProperty().bind(Bindings.when(f.downProperty()).then(0.55).otherwise(1.0));
        }
    }
}
