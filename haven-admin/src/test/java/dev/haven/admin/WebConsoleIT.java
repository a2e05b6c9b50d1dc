package dev.haven.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.Peers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: Debian's headless Chromium driven by Selenium through the
 * system chromedriver (nothing is downloaded). Signs in with the token, sees the share list,
 * takes a snapshot with the button and sees it in the snapshot table and on the node.
 */
class WebConsoleIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        Peers.require("chromium", "chromium");
        Peers.require("chromedriver", "chromium-driver");
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(which("chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(which("chromedriver"))).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String which(String command) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(command + " not on PATH");
    }

    @Test
    void signsInSeesTheSharesAndTakesASnapshot() throws Exception {
        try (AdminFixture f = new AdminFixture(dir.resolve("data"))) {
            WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(f.admin.baseUrl());
                browser.findElement(By.id("token")).sendKeys("wrong");
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not accepted"));

                browser.findElement(By.id("token")).clear();
                browser.findElement(By.id("token")).sendKeys(f.token);
                browser.findElement(By.id("login")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#shares tbody"), "data"));
                assertTrue(browser.findElement(By.cssSelector("#shares tbody")).getText().contains("read-write"));

                wait.until(ExpectedConditions.elementToBeClickable(By.id("snapshot-data"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "taken"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#snapshots tbody"),
                        "snap-"));
                assertEquals(1, f.node.requireFileSystem("data").snapshots().size());
            } finally {
                browser.quit();
            }
        }
    }
}
