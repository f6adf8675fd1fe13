package kg.evpower.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Minimal XLSX workbooks written by hand, so a test's sheet can say anything a hostile file would. */
public final class HandMadeXlsx {

    private HandMadeXlsx() {
    }

    public static final String HEADER_XML = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>invoice_id</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>paid_at</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>amount_tyiyn</t></is></c></row>";

    /** Writes part of a sheet's XML. */
    @FunctionalInterface
    public interface SheetBody {
        void write(OutputStream out) throws IOException;
    }

    /** A minimal workbook, written by hand so its sheet can say anything; its first sheet's rows come from {@code body}. */
    public static Path workbook(Path file, SheetBody body) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            entry(z, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(z, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(z, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(z, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            z.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData>").getBytes(StandardCharsets.UTF_8));
            body.write(z);
            z.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return file;
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    public static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The bomb of the report: a 147 KB file whose one cell holds 150 million characters. */
    public static Path bomb(Path file) throws IOException {
        return workbook(file, out -> {
            write(out, HEADER_XML + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
            byte[] chunk = "A".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 150; i++) {
                out.write(chunk);
            }
            write(out, "</t></is></c></row>");
        });
    }
}
