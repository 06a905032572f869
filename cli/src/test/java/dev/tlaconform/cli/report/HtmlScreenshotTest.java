package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders index.html of a campaign with a rejected trace in headless Chromium (Debian's chromium
 * package; scripts/install-chromium installs it) and checks the screenshot: the right size, not
 * blank, and the red marker of the failing event is on it. Skipped when /usr/bin/chromium is
 * missing. The screenshot is kept as cli/target/conform-report.png for a person to look at.
 */
class HtmlScreenshotTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final int WIDTH = 1400;
    static final int HEIGHT = 2000;

    @Test
    void rejectedTracePageRendersWithTheRedMarker(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "SKIPPED: /usr/bin/chromium is missing (scripts/install-chromium installs Debian's chromium)");
        Path out = dir.resolve("conform-out");
        int code = dev.tlaconform.cli.ConformCommandTestAccess.tamperedCampaign(out);
        assertEquals(1, code);
        Path html = out.resolve("index.html");
        assertTrue(Files.isRegularFile(html));
        String page = Files.readString(html);
        assertTrue(!page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").matches("(?s).*(https?:|src=|<link).*"),
                "self-contained: no external resource");
        assertTrue(!page.contains("<script"), "no JavaScript");

        Path png = dir.resolve("out.png");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s; log: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertTrue(Files.isRegularFile(png), "no screenshot; chromium said: " + Files.readString(dir.resolve("chromium.log")));
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target/conform-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(WIDTH, img.getWidth());
        assertEquals(HEIGHT, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        long red = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (r > 180 && g < 90 && b < 90) {
                    red++;
                }
            }
        }
        assertTrue(colours.size() > 50, "the page is not blank: " + colours.size() + " colours");
        assertTrue(red > 20, "the failing event's red marker is visible (" + red + " red pixels sampled)");
    }
}
