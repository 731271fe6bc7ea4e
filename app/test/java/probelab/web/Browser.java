package probelab.web;

import probelab.TestEnv;
import probelab.process.FileTrees;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's chromium driven by Debian's chromedriver: nothing is downloaded. Without them the browser tests are
 * skipped on a developer's machine, but fail under CI=true, where a skipped browser test would hide a regression.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a page may take to draw or swap what a test waits for. */
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** {@code extraArguments}: further Chromium switches, e.g. a proxy that cuts the network off. */
    static Browser start(String... extraArguments) {
        TestEnv.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("probelab-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            options.addArguments(extraArguments);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            return new Browser(new ChromeDriver(options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T waitFor(Duration limit, String what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, limit).withMessage(what).until(d -> condition.apply(driver));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The names of the traces Plotly drew in a chart, or null while it has not drawn. */
    @SuppressWarnings("unchecked")
    List<String> traces(String chartId) {
        return (List<String>) js("var el = document.getElementById(arguments[0]);"
                + "return el && el.data && el.querySelector('.main-svg') ? el.data.map(function (t) { return t.name; }) : null;", chartId);
    }

    /** The first cell (runtime) of each row of a cell's aggregate table. */
    List<String> tableRuntimes(String cellDomId) {
        return driver.findElements(By.cssSelector("#" + cellDomId + " table.agg tbody tr td:first-child")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    /** Everything the page logged at SEVERE level: script errors, failed requests. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
        FileTrees.deleteBestEffort(profile); // a temp dir left behind is harmless
    }
}
