package kg.evpower.console.sessions;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One session's line in the table, for as long as the session is listed: its current {@link SessionRow} lives in a
 * property, so a new meter sample updates the cells bound to it without touching the list (no list change, no
 * filtering or sorting work, no cells re-indexed). FX thread only.
 */
public final class SessionEntry {

    private final String id;
    private final ReadOnlyObjectWrapper<SessionRow> row;

    SessionEntry(SessionRow row) {
        this.id = row.id();
        this.row = new ReadOnlyObjectWrapper<>(row);
    }

    public String id() {
        return id;
    }

    public SessionRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<SessionRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void set(SessionRow r) {
        row.set(r);
    }
}
