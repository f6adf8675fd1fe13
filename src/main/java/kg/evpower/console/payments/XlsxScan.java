package kg.evpower.console.payments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import kg.evpower.console.payments.StatementImport.Problem;
import kg.evpower.console.payments.StatementImport.Rejected;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Checks an XLSX file before the spreadsheet reader sees it, so a decompression bomb is refused in bounded memory:
 * every entry of the ZIP directory (the same directory, read by the same library, the reader uses) is inflated and
 * counted against the limits on one part and on all parts, and its XML is
 * scanned byte by byte for a text run longer than a cell may be, more rows or cells per row than Excel allows, a cell
 * beyond column XFD, and a document type declaration (no spreadsheet has one; entity expansion would bypass the
 * counts). Nothing is kept but counters.
 */
final class XlsxScan {

    /**
     * Bytes per character a cell's text may take in the XML: a run of bytes outside (or inside) a tag longer than this
     * many times the cell limit cannot be one cell, even written with character references; the exact count of
     * characters is checked again on the parsed cell.
     */
    private static final int BYTES_PER_CHAR = 10;
    /** The start of a tag kept to read its name and {@code r} attribute. */
    private static final int TAG_KEEP = 512;

    private XlsxScan() {
    }

    private static Rejected refused(int line, String key, Object... args) {
        return new Rejected(List.of(Problem.of(line, key, args)));
    }

    static void check(byte[] bytes, StatementFile.Limits limits) throws Rejected {
        if (bytes.length >= 4 && bytes[0] == (byte) 0xD0 && bytes[1] == (byte) 0xCF && bytes[2] == 0x11 && bytes[3] == (byte) 0xE0) {
            throw refused(0, "xlsOrEncrypted");
        }
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw refused(0, "notXlsx");
        }
        long total = 0;
        int entries = 0;
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                if (++entries > limits.entries()) {
                    throw refused(0, "xlsxDamaged");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (!zip.canReadEntryData(e)) {
                    throw refused(0, "xlsOrEncrypted");
                }
                String name = e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    total += new Part(name, total, limits).scan(in);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw refused(0, "xlsxDamaged");
        }
        if (entries == 0) {
            throw refused(0, "xlsxDamaged");
        }
    }

    /** One entry being inflated and, when it is XML, scanned. */
    private static final class Part {
        private final String name;
        private final long before;
        private final StatementFile.Limits limits;
        private final long maxRun;
        private final boolean xml;
        private boolean inTag;
        private long run;
        private final byte[] tag = new byte[TAG_KEEP];
        private int tagLength;
        private int rows;
        private int cellsInRow;

        Part(String name, long before, StatementFile.Limits limits) {
            this.name = name;
            this.before = before;
            this.limits = limits;
            this.maxRun = (long) limits.cellChars() * BYTES_PER_CHAR;
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            this.xml = lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
        }

        /** Inflates the whole entry; its size. */
        long scan(InputStream in) throws IOException, Rejected {
            byte[] buf = new byte[1 << 16];
            long size = 0;
            for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
                size += k;
                if (size > limits.partBytes() || before + size > limits.expandedBytes()) {
                    throw refused(0, "expands", StatementFile.megabytes(size > limits.partBytes() ? limits.partBytes()
                            : limits.expandedBytes()), name);
                }
                if (xml) {
                    accept(buf, k);
                }
            }
            return size;
        }

        /** Scans {@code k} bytes: runs of text and of tags are counted, each tag's start is kept and read when it ends. */
        private void accept(byte[] buf, int k) throws Rejected {
            boolean inside = inTag;
            long length = run;
            int kept = tagLength;
            for (int i = 0; i < k; i++) {
                byte b = buf[i];
                if (inside) {
                    if (b == '>') {
                        if (length > maxRun) {
                            break;
                        }
                        inside = false;
                        tagLength = kept;
                        tag();
                        kept = 0;
                        length = 0;
                    } else {
                        length++;
                        if (kept < TAG_KEEP) {
                            tag[kept++] = b;
                        }
                    }
                } else if (b == '<') {
                    if (length > maxRun) {
                        break;
                    }
                    inside = true;
                    length = 0;
                    kept = 0;
                } else {
                    length++;
                }
            }
            inTag = inside;
            run = length;
            tagLength = kept;
            if (length > maxRun) {
                throw refused(rows, "cellTooLong", limits.cellChars());
            }
        }

        /** A start tag, an end tag, a declaration or a processing instruction has ended. */
        private void tag() throws Rejected {
            if (tagLength == 0 || tag[0] == '/' || tag[0] == '?') {
                return;
            }
            if (tag[0] == '!') {
                if (startsWith("!DOCTYPE") || startsWith("!ENTITY")) {
                    throw refused(0, "xlsxDamaged");
                }
                return;
            }
            int end = 0;
            while (end < tagLength && tag[end] != ' ' && tag[end] != '\t' && tag[end] != '\n' && tag[end] != '\r' && tag[end] != '/') {
                end++;
            }
            int local = 0;
            for (int i = 0; i < end; i++) {
                if (tag[i] == ':') {
                    local = i + 1;
                }
            }
            int length = end - local;
            if (length == 3 && tag[local] == 'r' && tag[local + 1] == 'o' && tag[local + 2] == 'w') {
                if (++rows > limits.rows()) {
                    throw refused(0, "tooManyRows", limits.rows());
                }
                cellsInRow = 0;
            } else if (length == 1 && tag[local] == 'c') {
                if (++cellsInRow > limits.columns() || column(end) > limits.columns()) {
                    throw refused(rows, "tooManyColumns", limits.columns());
                }
            }
        }

        private boolean startsWith(String s) {
            if (tagLength < s.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (tag[i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The column of a cell's {@code r="AB12"} attribute (1 = A), 0 without one; more than XFD for longer letters. */
        private int column(int from) {
            for (int i = from; i + 3 < tagLength; i++) {
                boolean attributeStart = tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r';
                if (attributeStart && tag[i + 1] == 'r' && tag[i + 2] == '=' && (tag[i + 3] == '"' || tag[i + 3] == '\'')) {
                    int col = 0;
                    for (int j = i + 4; j < tagLength && tag[j] >= 'A' && tag[j] <= 'Z'; j++) {
                        col = col * 26 + (tag[j] - 'A' + 1);
                        if (col > limits.columns()) {
                            return col;
                        }
                    }
                    return col;
                }
            }
            return 0;
        }
    }
}
