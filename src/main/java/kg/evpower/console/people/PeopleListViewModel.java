package kg.evpower.console.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import kg.evpower.console.domain.PeopleListing;
import kg.evpower.console.domain.Role;
import kg.evpower.console.domain.StaffMember;
import kg.evpower.console.fx.Formats;
import kg.evpower.console.i18n.Messages;

/**
 * A list of people as both the people screen and the notifications screen show it: sorted owners first, then
 * operators, then support staff, each by name; filtered by a search text, a role and active or not; the chosen person
 * kept across a reload by id; one status line that counts what is shown and says which roles the server could not
 * list. It reads nothing itself: the screen's view model loads a {@link PeopleListing} and hands it over.
 */
public final class PeopleListViewModel {

    public enum RoleFilter { ALL, ADMIN, OPERATOR, SUPERADMIN }

    public enum ActiveFilter { ALL, ACTIVE, INACTIVE }

    private final Messages m;
    private final Formats formats;
    private final ObservableList<StaffMember> people = FXCollections.observableArrayList();
    private final FilteredList<StaffMember> shown = new FilteredList<>(people);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<RoleFilter> roleFilter = new SimpleObjectProperty<>(RoleFilter.ALL);
    private final ObjectProperty<ActiveFilter> activeFilter = new SimpleObjectProperty<>(ActiveFilter.ALL);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<StaffMember> selected = new SimpleObjectProperty<>();
    private List<Role> unreadable = List.of();

    public PeopleListViewModel(Messages m, Formats formats) {
        this.m = m;
        this.formats = formats;
        search.addListener((o, a, b) -> refilter());
        roleFilter.addListener((o, a, b) -> refilter());
        activeFilter.addListener((o, a, b) -> refilter());
    }

    /** The list is being read. */
    public void loading() {
        status.set(m.get("people.list.loading"));
    }

    /** The list could not be read: why, in the operator's words; what was shown stays. */
    public void failed(String why) {
        status.set(m.format("people.list.failed", why));
    }

    /**
     * What the server holds now: shown sorted and filtered; the chosen person is the same person, as they are now, or
     * nobody when they are gone. Answers whether the chosen person is the same as before (unchanged in every field).
     */
    public boolean show(PeopleListing listing) {
        StaffMember was = selected.get();
        List<StaffMember> sorted = new ArrayList<>(listing.people());
        sorted.sort(Comparator.comparingInt((StaffMember s) -> roleOrder(s.role())).thenComparing(s -> s.displayName().toLowerCase(m.locale())));
        people.setAll(sorted);
        unreadable = listing.unreadable();
        refilter();
        if (was == null) {
            return false;
        }
        StaffMember now = people.stream().filter(s -> s.id().equals(was.id())).findFirst().orElse(null);
        selected.set(now);
        return was.equals(now);
    }

    static int roleOrder(Role r) {
        return switch (r) {
            case ADMIN -> 0;
            case OPERATOR -> 1;
            case SUPERADMIN -> 2;
            default -> 3;
        };
    }

    private void refilter() {
        String q = search.get();
        RoleFilter rf = roleFilter.get();
        ActiveFilter af = activeFilter.get();
        shown.setPredicate(s -> s.matches(q)
                && (rf == RoleFilter.ALL || s.role().name().equals(rf.name()))
                && (af == ActiveFilter.ALL || s.active() == (af == ActiveFilter.ACTIVE)));
        String count = m.format("people.list.count", shown.size(), people.size());
        status.set(unreadable.isEmpty() ? count : count + "\n" + m.format("people.list.unreadable",
                String.join(", ", unreadable.stream().map(formats::role).toList())));
    }

    /** Everyone read, unfiltered (for the detail: an owner's operators, an operator's owner). */
    public List<StaffMember> all() {
        return List.copyOf(people);
    }

    /** The person with this id, if read. */
    public StaffMember byId(String id) {
        return id == null ? null : people.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public ObservableList<StaffMember> shown() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<RoleFilter> roleFilterProperty() {
        return roleFilter;
    }

    public ObjectProperty<ActiveFilter> activeFilterProperty() {
        return activeFilter;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<StaffMember> selectedProperty() {
        return selected;
    }
}
