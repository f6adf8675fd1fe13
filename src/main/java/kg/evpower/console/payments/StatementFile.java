package kg.evpower.console.payments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kg.evpower.console.payments.StatementImport.Problem;
import kg.evpower.console.payments.StatementImport.Rejected;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * A statement file's rows, one at a time, read within bounds no real statement reaches and a hostile file does: the
 * file's size, what an XLSX expands to (each part and in all, checked by inflating every entry of the ZIP directory
 * the reader will use before the reader sees it), the rows, the columns and the characters of one cell. A file beyond
 * any bound, or one that cannot be read, gives {@link Rejected} with one problem in the operator's words; no parser's
 * class name or decoder message reaches them. Nothing is held but the row being read.
 */
final class StatementFile {

    /**
     * How far a statement may go: its size on disk, what one part of an XLSX and all its parts may expand to, the
     * entries of its ZIP directory, and rows, columns and characters per cell (Excel's own limits by default).
     */
    record Limits(long fileBytes, long partBytes, long expandedBytes, int entries, int rows, int columns, int cellChars) {

        /**
         * Several times the largest statement the benchmarks use (286,693 lines: 20.7 MB as XLSX, 159 MB expanded, of
         * which 108 MB the sheet), far below what exhausts a heap.
         */
        static final Limits DEFAULT = new Limits(64L << 20, 768L << 20, 1L << 30, 10_000, 1_048_576, 16_384, 32_767);
    }

    /** The rows of a file, header first; closed after use. */
    interface Rows extends AutoCloseable {

        /** The next row's cells, or null after the last. */
        List<String> next() throws Rejected;

        /** The line of the row {@link #next()} returned last: 1 for the first row (the header). */
        int line();

        @Override
        void close();
    }

    private StatementFile() {
    }

    static boolean isXlsx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    static Rows open(Path file) throws Rejected {
        return open(file, Limits.DEFAULT);
    }

    static Rows open(Path file, Limits limits) throws Rejected {
        byte[] bytes = bytes(file, limits);
        return isXlsx(file) ? xlsx(bytes, limits) : csv(text(bytes), limits);
    }

    private static Rejected refused(int line, String key, Object... args) {
        return new Rejected(List.of(Problem.of(line, key, args)));
    }

    /** The whole file, refused when it is too large or cannot be read. */
    private static byte[] bytes(Path file, Limits limits) throws Rejected {
        try {
            long size = Files.size(file);
            if (size > limits.fileBytes()) {
                throw refused(0, "fileTooLarge", megabytes(size), megabytes(limits.fileBytes()));
            }
            byte[] b = Files.readAllBytes(file);
            if (b.length > limits.fileBytes()) {
                throw refused(0, "fileTooLarge", megabytes(b.length), megabytes(limits.fileBytes()));
            }
            return b;
        } catch (NoSuchFileException e) {
            throw refused(0, "notFound", file.getFileName());
        } catch (AccessDeniedException e) {
            throw refused(0, "noAccess", file.getFileName());
        } catch (IOException e) {
            throw refused(0, "unreadable", file.getFileName());
        }
    }

    /** Whole megabytes, rounded up (a file of 1 byte over the limit does not read as the limit). */
    static String megabytes(long bytes) {
        return String.valueOf((bytes + (1 << 20) - 1) >> 20);
    }

    // ---- CSV -----------------------------------------------------------------------------------------------

    /** UTF-8 text without its BOM; a file in another encoding is named as such, with the line of its first bad byte. */
    static String text(byte[] b) throws Rejected {
        if (b.length >= 2 && (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE || b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || looksUtf16(b)) {
            throw refused(0, "utf16");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length);
        var result = d.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += b[i] == '\n' ? 1 : 0;
            }
            throw refused(0, "notUtf8", String.valueOf(line));
        }
        try {
            d.flush(out);
        } catch (IllegalStateException e) {
            throw refused(0, "notUtf8", "1");
        }
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** UTF-16 without a BOM: text where every other byte of the first kilobyte is zero. */
    private static boolean looksUtf16(byte[] b) {
        int n = Math.min(b.length, 1024) & ~1;
        if (n < 4) {
            return false;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < n; i += 2) {
            evenZero += b[i] == 0 ? 1 : 0;
            oddZero += b[i + 1] == 0 ? 1 : 0;
        }
        return Math.max(evenZero, oddZero) * 4 >= n;
    }

    private static Rows csv(String text, Limits limits) {
        Csv.Reader r = new Csv.Reader(text, limits.columns(), limits.cellChars());
        return new Rows() {
            @Override
            public List<String> next() throws Rejected {
                try {
                    List<String> row = r.next();
                    if (row != null && r.record() > limits.rows()) {
                        throw refused(0, "tooManyRows", limits.rows());
                    }
                    return row;
                } catch (Csv.TooLarge e) {
                    throw refused(e.record(), e.columns() ? "tooManyColumns" : "cellTooLong", e.columns() ? limits.columns() : limits.cellChars());
                }
            }

            @Override
            public int line() {
                return r.record();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    // ---- XLSX ----------------------------------------------------------------------------------------------

    private static Rows xlsx(byte[] bytes, Limits limits) throws Rejected {
        XlsxScan.check(bytes, limits);
        ReadableWorkbook wb;
        Stream<Row> stream;
        try {
            wb = new ReadableWorkbook(new ByteArrayInputStream(bytes));
            stream = wb.getFirstSheet().openStream();
        } catch (IOException | RuntimeException e) {
            throw refused(0, "xlsxDamaged");
        }
        Iterator<Row> it = stream.iterator();
        return new Rows() {
            private int line;

            @Override
            public List<String> next() throws Rejected {
                List<String> cells;
                try {
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    line = r.getRowNum();
                    cells = new ArrayList<>(r.getCellCount());
                    for (int i = 0; i < r.getCellCount(); i++) {
                        cells.add(r.getCellText(i));
                    }
                } catch (RuntimeException e) {
                    // the reader's own failures (a malformed cell or row): the file is damaged, whatever the reader says
                    throw refused(line + 1, "xlsxDamaged");
                }
                for (String text : cells) {
                    if (text.length() > limits.cellChars()) {
                        throw refused(line, "cellTooLong", limits.cellChars());
                    }
                }
                return cells;
            }

            @Override
            public int line() {
                return line;
            }

            @Override
            public void close() {
                stream.close();
                try {
                    wb.close();
                } catch (IOException e) {
                    // in memory: nothing to release
                }
            }
        };
    }
}
