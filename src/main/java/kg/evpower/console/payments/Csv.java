package kg.evpower.console.payments;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF. The separator is the header's
 * most frequent of comma, semicolon and tab.
 */
final class Csv {

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

    /** A record with more fields, or a field with more characters, than the reader was told to accept. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int record;
        private final boolean columns;

        TooLarge(int record, boolean columns) {
            super(null, null, false, false);
            this.record = record;
            this.columns = columns;
        }

        /** The record's number (1 = the header). */
        int record() {
            return record;
        }

        /** Too many fields (else one field too long). */
        boolean columns() {
            return columns;
        }
    }

    /** Records one at a time, each within {@code maxFields} fields of {@code maxChars} characters. */
    static final class Reader {
        private final String text;
        private final char sep;
        private final int maxFields;
        private final int maxChars;
        private int i;
        private int record;

        Reader(String text, int maxFields, int maxChars) {
            this.text = text;
            this.sep = separator(text);
            this.maxFields = maxFields;
            this.maxChars = maxChars;
        }

        /** The number of the record {@link #next()} returned last (1 = the first). */
        int record() {
            return record;
        }

        /** The next record, or null at the end; throws {@link TooLarge} beyond the bounds. */
        List<String> next() {
            int n = text.length();
            if (i >= n) {
                return null;
            }
            record++;
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (i < n) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            append(field, '"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        append(field, c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == sep) {
                    add(row, field);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i < n && text.charAt(i) == '\n') {
                        i++;
                    }
                    add(row, field);
                    return row;
                } else {
                    append(field, c);
                }
            }
            add(row, field);
            return row;
        }

        private void append(StringBuilder field, char c) {
            if (field.length() >= maxChars) {
                throw new TooLarge(record, false);
            }
            field.append(c);
        }

        private void add(List<String> row, StringBuilder field) {
            if (row.size() >= maxFields) {
                throw new TooLarge(record, true);
            }
            row.add(field.toString());
            field.setLength(0);
        }
    }
}
