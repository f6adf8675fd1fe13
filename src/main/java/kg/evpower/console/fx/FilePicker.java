package kg.evpower.console.fx;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the operator for a file to read or a place to write one. The console uses the system's file dialogs
 * ({@link #SYSTEM}); a test that drives the console through its real screens hands in the files it prepared, since no
 * robot can drive a native dialog. Called on the FX thread.
 */
public interface FilePicker {

    /** A file to read, or empty when the operator cancelled. */
    Optional<Path> open(Window owner, String title, String filterName, List<String> patterns);

    /** Where to write, or empty when the operator cancelled; {@code suggested} is the file name offered. */
    Optional<Path> save(Window owner, String title, String filterName, List<String> patterns, String suggested);

    FilePicker SYSTEM = new FilePicker() {
        @Override
        public Optional<Path> open(Window owner, String title, String filterName, List<String> patterns) {
            return Optional.ofNullable(chooser(title, filterName, patterns).showOpenDialog(owner)).map(File::toPath);
        }

        @Override
        public Optional<Path> save(Window owner, String title, String filterName, List<String> patterns, String suggested) {
            FileChooser fc = chooser(title, filterName, patterns);
            fc.setInitialFileName(suggested);
            return Optional.ofNullable(fc.showSaveDialog(owner)).map(File::toPath);
        }

        private FileChooser chooser(String title, String filterName, List<String> patterns) {
            FileChooser fc = new FileChooser();
            fc.setTitle(title);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(filterName, patterns));
            return fc;
        }
    };
}
