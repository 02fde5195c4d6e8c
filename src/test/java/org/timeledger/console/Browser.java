package org.timeledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven through {@code /usr/bin/chromedriver}),
 * used as a person would: fields found by their visible labels, buttons by their words. Each page
 * it is asked to check is screenshotted to {@code target/screenshots/} and run through axe-core's
 * WCAG 2.1 A and AA rules.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AXE = axeSource();
    /** Pages already photographed by this test run: a PostgreSQL twin shows the same pages as its H2 class. */
    private static final java.util.Set<String> SHOT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Desktop, and a small phone (an older one: 360 CSS pixels wide). */
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(360, 740);

    final ChromeDriver driver;
    private final URI base;
    private final WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();

    Browser(URI base) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=en-GB", "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named outright: Selenium Manager would otherwise try to download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    Browser size(Dimension size) {
        driver.manage().window().setSize(size);
        return this;
    }

    /** Waits until the page's heading (h1) reads {@code heading}. */
    Browser at(String heading) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
        return this;
    }

    /** The control labelled {@code label} (a label's own words, as a person sees them). */
    WebElement field(String label) {
        WebElement labelEl = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space()=" + quote(label) + "]")));
        return driver.findElement(By.id(labelEl.getAttribute("for")));
    }

    Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Picks the option whose visible text starts with {@code option}. */
    Browser choose(String label, String option) {
        WebElement select = field(label);
        new org.openqa.selenium.support.ui.Select(select).getOptions().stream()
                .filter(o -> o.getText().startsWith(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option '" + option + "' in " + label))
                .click();
        return this;
    }

    Browser tick(String label) {
        WebElement box = field(label);
        if (!box.isSelected()) {
            box.click();
        }
        return this;
    }

    /**
     * Clicks the button (or link) that reads {@code words}, or whose accessible label does. A link
     * in a closed group of the menu is reached as a person reaches it: by opening its group first.
     */
    Browser press(String words) {
        By by = By.xpath("//button[normalize-space()=" + quote(words) + " or @aria-label=" + quote(words) + "]"
                + " | //a[normalize-space()=" + quote(words) + "]");
        // opened again on each try: a page that shows itself anew (after a button) draws its menu closed
        WebElement target = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            script("const words = arguments[0];"
                    + "const link = [...document.querySelectorAll('#nav .group a')].find(a => a.textContent.trim() === words);"
                    + "if (link && link.closest('ul').hidden) link.closest('.group').querySelector('.group-button').click();", words);
            return d.findElements(by).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null);
        });
        target.click();
        return this;
    }

    /** Waits for a message (a notice's title or any line of it) containing {@code text}. */
    String message(String text) {
        By by = By.xpath("//*[contains(@class,'notice')][contains(normalize-space(), " + quote(text) + ")]");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    String text() {
        return driver.findElement(By.tagName("main")).getText();
    }

    Browser waitForText(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), text));
        return this;
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Checks the page as it stands: a screenshot of the whole page, axe-core's WCAG 2.1 A/AA
     * rules (no serious or critical violation), no sideways scrolling of the page itself (text
     * and layout reflow; wide tables scroll within their own box), and nothing the browser
     * refused (a Content-Security-Policy violation, a failed script).
     */
    Browser check(String name) {
        waitForIdle();
        screenshot(name);
        JsonNode violations = axe();
        List<String> serious = new ArrayList<>();
        violations.forEach(v -> {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(v.path("id").asText() + " (" + impact + "): " + v.path("help").asText() + " at "
                        + v.path("nodes").findValuesAsText("target"));
            }
        });
        Axe.record(name, violations);
        assertThat(serious).as("serious accessibility violations on " + name).isEmpty();
        assertThat(overflow()).as("the page scrolls sideways on " + name + " (it should reflow)").isLessThanOrEqualTo(0);
        assertThat(browserErrors()).as("errors in the browser on " + name).isEmpty();
        return this;
    }

    /** The same page on a small phone and with text at 200%: nothing may need sideways scrolling. */
    Browser checkSmallAndLarge(String name) {
        Dimension before = driver.manage().window().getSize();
        size(PHONE);
        check(name + "-phone");
        size(before);
        script("document.documentElement.style.fontSize = '200%'");
        try {
            check(name + "-text-200");
        } finally {
            script("document.documentElement.style.fontSize = ''");
        }
        return this;
    }

    private long overflow() {
        return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    List<String> browserErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expectedError(entry.getMessage())) {
                consoleErrors.add(entry.getMessage());
            }
        }
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    /** A refused request the page itself shows in words (a wrong password's 401, a 422) is logged by Chromium too. */
    private static boolean expectedError(String message) {
        return message.matches("(?s).*Failed to load resource: the server responded with a status of (4\\d\\d).*");
    }

    private void waitForIdle() {
        wait.until(d -> Boolean.TRUE.equals(script("return document.readyState === 'complete' && !document.getElementById('loading')")));
    }

    JsonNode axe() {
        // the console is one document: axe-core (half a megabyte of script) is loaded into it once
        if (!Boolean.TRUE.equals(script("return typeof window.axe !== 'undefined'"))) {
            script(AXE);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));");
        try {
            return JSON.readTree((String) result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, however long, as one image: the window is made as tall as the page for the shot. */
    void screenshot(String name) {
        if (!SHOT.add(name)) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue();
        try {
            Files.createDirectories(SCREENSHOTS);
            driver.manage().window().setSize(new Dimension(before.width, (int) Math.min(Math.max(height + 140, before.height), 6000)));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> items = (Map<String, Object>) script("return Object.assign({}, sessionStorage)");
        return items;
    }

    static String quote(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js (com.deque.html.axe-core:selenium) is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
