package kg.evpower.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The icons in assets/icon are the drawing in {@link IconSet}, and the ICO and ICNS hold them as their formats say. */
class IconSetTest {

    private static final Path ASSETS = Path.of("assets", "icon");

    @Test
    void everyPngIsTheSourceDrawnAtItsSize() throws IOException {
        for (int size : IconSet.PNG_SIZES) {
            BufferedImage stored = ImageIO.read(ASSETS.resolve(IconSet.NAME + "-" + size + ".png").toFile());
            assertEquals(size, stored.getWidth());
            assertEquals(size, stored.getHeight());
            assertSamePicture(IconSet.draw(size), stored, "png " + size);
        }
    }

    @Test
    void theIcoHoldsOnePngPerSizeInItsDirectory() throws IOException {
        byte[] ico = Files.readAllBytes(ASSETS.resolve(IconSet.NAME + ".ico"));
        ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, b.getShort());
        assertEquals(1, b.getShort(), "type 1 = icon");
        int count = b.getShort();
        assertEquals(IconSet.ICO_SIZES.size(), count);
        for (int i = 0; i < count; i++) {
            int size = IconSet.ICO_SIZES.get(i);
            int w = Byte.toUnsignedInt(b.get());
            int h = Byte.toUnsignedInt(b.get());
            assertEquals(size >= 256 ? 0 : size, w);
            assertEquals(w, h);
            b.get();
            b.get();
            assertEquals(1, b.getShort());
            assertEquals(32, b.getShort());
            int length = b.getInt();
            int offset = b.getInt();
            byte[] png = Arrays.copyOfRange(ico, offset, offset + length);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(size, image.getWidth(), "ico entry " + i);
            assertSamePicture(IconSet.draw(size), image, "ico " + size);
        }
    }

    @Test
    void theIcnsHoldsEveryTypeWithLengthsThatAddUp() throws IOException {
        byte[] icns = Files.readAllBytes(ASSETS.resolve(IconSet.NAME + ".icns"));
        ByteBuffer b = ByteBuffer.wrap(icns);
        byte[] magic = new byte[4];
        b.get(magic);
        assertEquals("icns", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(icns.length, b.getInt());
        for (var e : IconSet.ICNS_TYPES.entrySet()) {
            b.get(magic);
            assertEquals(e.getKey(), new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
            int length = b.getInt() - 8;
            byte[] png = new byte[length];
            b.get(png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(e.getValue(), image.getWidth(), e.getKey());
            assertSamePicture(IconSet.draw(e.getValue()), image, "icns " + e.getKey());
        }
        assertEquals(0, b.remaining());
    }

    /** The same picture, allowing a JDK's anti-aliasing to differ by a step or two in a few edge pixels. */
    private static void assertSamePicture(BufferedImage expected, BufferedImage actual, String what) {
        int off = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int c = actual.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    if (Math.abs(((a >>> shift) & 0xFF) - ((c >>> shift) & 0xFF)) > 8) {
                        off++;
                        break;
                    }
                }
            }
        }
        assertTrue(off <= expected.getWidth() * expected.getHeight() / 100,
                what + ": " + off + " pixels differ from the drawing; run kg.evpower.tools.IconSet to regenerate");
    }
}
