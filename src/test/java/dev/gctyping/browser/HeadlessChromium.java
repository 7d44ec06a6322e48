package dev.gctyping.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (found on PATH: nothing is
 * downloaded, Selenium Manager never runs). Tests using it are skipped, saying why, only when
 * Chromium is not installed; {@code .ci/run} installs it, so CI always runs them.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Screenshots a reviewer can look at. */
    public static final Path SCREENSHOTS = Path.of("target", "browser");
    /** Generous: the machine may be slow and loaded; the waits end as soon as the state is there. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium, or skips the calling test when it is not installed. */
    public static HeadlessChromium start() {
        Optional<Path> browser = onPath("chromium").or(() -> onPath("chromium-browser"));
        Optional<Path> chromedriver = onPath("chromedriver");
        Assumptions.assumeTrue(
                browser.isPresent() && chromedriver.isPresent(),
                "skipped: Chromium is not installed here (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        // Selenium logs a warning for every Chromium version it has no DevTools bindings for; the tests need none
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        // CI runs as root in a container: no sandbox, and /dev/shm may be small
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .withSilent(true)
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (up to {@link #PATIENCE}) until {@code condition} returns something other than null or false. */
    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(20)).until(condition::apply);
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the page shows now under {@link #SCREENSHOTS}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window to the page's full height, so a screenshot shows all of it. */
    public void fitHeight(int width) {
        Number height = (Number) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(width, Math.min(6000, height.intValue() + 40)));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
