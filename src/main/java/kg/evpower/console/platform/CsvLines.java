package kg.evpower.console.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV lines as RFC 4180 has them (a field with a comma, quote or line break quoted, quotes doubled, CRLF after
 * each line), after the byte-order mark Excel needs to read UTF-8 Cyrillic. Every export of the console writes with it.
 */
public final class CsvLines {

    private CsvLines() {
    }

    /** The byte-order mark, first in the file. */
    public static void start(Writer w) throws IOException {
        w.write('\uFEFF');
    }

    public static void line(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                w.write('"');
                w.write(c.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(c);
            }
        }
        w.write("\r\n");
    }
}
