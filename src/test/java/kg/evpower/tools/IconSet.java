package kg.evpower.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The console's icon, drawn from one vector source (below) at every size the desktops ask for, written to
 * {@code assets/icon}: PNGs for Linux and the window, an ICO for Windows, an ICNS for macOS. Each size is drawn, not
 * scaled, so the 16-pixel icon is as sharp as the 1024 one. Run after changing the drawing:
 * {@code java -cp target/test-classes kg.evpower.tools.IconSet assets/icon}
 */
public final class IconSet {

    public static final String NAME = "evpower-console";
    /** The PNGs kept in assets/icon (and copied into the console's resources for the window). */
    public static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    public static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 256);
    /** ICNS element types by size (PNG-compressed kinds, macOS 10.7+). */
    public static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private IconSet() {
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("icp4", 16);
        m.put("icp5", 32);
        m.put("icp6", 64);
        m.put("ic07", 128);
        m.put("ic08", 256);
        m.put("ic09", 512);
        m.put("ic10", 1024);
        return m;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/icon");
        write(out);
        System.out.println("icons written to " + out.toAbsolutePath());
    }

    public static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int size : PNG_SIZES) {
            Files.write(folder.resolve(NAME + "-" + size + ".png"), png(size));
        }
        Files.write(folder.resolve(NAME + ".ico"), ico());
        Files.write(folder.resolve(NAME + ".icns"), icns());
    }

    /** The icon at {@code size}×{@code size}: a rounded green-to-teal tile with a white lightning bolt. */
    public static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = size;
        // small sizes fill the square; large ones leave the margin desktops expect around a tile
        double margin = size <= 32 ? 0 : s * 0.06;
        double side = s - 2 * margin;
        RoundRectangle2D tile = new RoundRectangle2D.Double(margin, margin, side, side, side * 0.44, side * 0.44);
        g.setPaint(new GradientPaint(0, (float) margin, new Color(0x22, 0xA8, 0x5A), 0, (float) (margin + side), new Color(0x0B, 0x6E, 0x79)));
        g.fill(tile);
        double[][] bolt = {{0.61, 0.10}, {0.73, 0.10}, {0.57, 0.42}, {0.75, 0.42}, {0.39, 0.91}, {0.47, 0.55}, {0.27, 0.55}};
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < bolt.length; i++) {
            double x = margin + bolt[i][0] * side;
            double y = margin + bolt[i][1] * side;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        g.setColor(Color.WHITE);
        g.fill(path);
        if (size >= 48) {
            // a thin darker rim keeps the tile apart from a light panel
            g.setStroke(new BasicStroke((float) Math.max(1, s / 128)));
            g.setColor(new Color(0, 0, 0, 40));
            g.draw(tile);
        }
        g.dispose();
        return img;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed images (Windows Vista and later). */
    static byte[] ico() throws IOException {
        List<byte[]> images = new java.util.ArrayList<>();
        for (int size : ICO_SIZES) {
            images.add(png(size));
        }
        int headers = 6 + 16 * images.size();
        int total = headers + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headers;
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            b.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            b.put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32);
            b.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(b::put);
        return b.array();
    }

    /** ICNS: the "icns" header, then one PNG element per type (big-endian lengths that include the 8-byte headers). */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Integer> e : ICNS_TYPES.entrySet()) {
            byte[] image = png(e.getValue());
            body.write(e.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(image.length + 8).array());
            body.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(ByteBuffer.allocate(4).putInt(body.size() + 8).array());
        body.writeTo(out);
        return out.toByteArray();
    }
}
