package kg.evpower.testing;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;
import kg.evpower.console.fx.FilePicker;

/**
 * The operator's answers to the console's file dialogs, given in advance by a test (no robot can drive a native file
 * dialog): each {@code open} or {@code save} takes the next path offered, or cancels when none is left. What the console
 * asked is kept, so a test can check the title, the filter and the suggested name.
 */
public final class PickedFiles implements FilePicker {

    /** One question the console asked. */
    public record Ask(boolean save, String title, String filterName, List<String> patterns, String suggested) {
    }

    private final Deque<Path> answers = new ArrayDeque<>();
    private final List<Ask> asked = new ArrayList<>();

    public synchronized PickedFiles offer(Path p) {
        answers.add(p);
        return this;
    }

    public synchronized List<Ask> asked() {
        return List.copyOf(asked);
    }

    @Override
    public synchronized Optional<Path> open(Window owner, String title, String filterName, List<String> patterns) {
        asked.add(new Ask(false, title, filterName, patterns, null));
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public synchronized Optional<Path> save(Window owner, String title, String filterName, List<String> patterns, String suggested) {
        asked.add(new Ask(true, title, filterName, patterns, suggested));
        return Optional.ofNullable(answers.poll());
    }
}
