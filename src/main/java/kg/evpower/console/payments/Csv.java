package kg.evpower.console.payments;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF. The separator is the header's
 * most frequent of comma, semicolon and tab.
 */
public final class Csv {

    private Csv() {
    }

    static char separator(String text) {
        int end = text.indexOf('\n');
        String head = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long most = head.chars().filter(c -> c == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long n = head.chars().filter(x -> x == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    /** Up to {@code max} records. */
    public static List<List<String>> parse(String text, int max) {
        char sep = separator(text);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        int n = text.length();
        while (i < n && rows.size() < max) {
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < n && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == sep) {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if ((field.length() > 0 || !row.isEmpty()) && rows.size() < max) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
