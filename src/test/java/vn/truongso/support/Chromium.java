package vn.truongso.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded one), against the
 * application on its random port. Missing Chromium fails the test: browser tests are part of the suite. Screenshots go
 * to target/screenshots/, at a phone's 375 px and a desktop's 1280 px; axe-core checks each page it is asked to.
 */
public final class Chromium implements AutoCloseable {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    public Chromium(int port) {
        assertThat(new File(BINARY).canExecute()).as("Debian's chromium at " + BINARY + " (apt-get install chromium chromium-driver)").isTrue();
        assertThat(new File(DRIVER).canExecute()).as("Debian's chromedriver at " + DRIVER + " (apt-get install chromium-driver)").isTrue();
        this.base = "http://localhost:" + port;
        try {
            this.profile = Files.createTempDirectory("truongso-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--lang=vi-VN", "--window-size=1280,900", "--user-data-dir=" + profile,
                // no smooth scrolling nor fades (Bootstrap's, under prefers-reduced-motion): nothing moves under a click
                "--force-prefers-reduced-motion");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort()
                // the browser's own words (a file input's button) in Vietnamese, as on a Vietnamese user's machine
                .withEnvironment(java.util.Map.of("LANGUAGE", "vi", "LANG", "vi_VN.UTF-8")).build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** The path of the page shown now (without host and query). */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return fresh(() -> find(css).getText());
    }

    /** The whole visible text of the page. */
    public String pageText() {
        return fresh(() -> find("body").getText());
    }

    /** An attribute of the element shown now: found and read again if htmx replaced it in between. */
    public String attribute(String css, String name) {
        return fresh(() -> find(css).getAttribute(name));
    }

    /** Waits until htmx (the signing page polls every 5 s) has brought the attribute to the value. */
    public void waitForAttribute(String css, String name, String value) {
        // 60 s: the poll comes every 5 s, and on a loaded machine its request and the swap may each take a while
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(d -> value.equals(d.findElement(By.cssSelector(css)).getAttribute(name)));
    }

    /** The text of an element as it reads when htmx has swapped in the next poll's answer (waits for that poll). */
    public String textAfterNextSwap(String css) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (String) driver.executeAsyncScript("var done = arguments[arguments.length - 1], css = arguments[0];"
                + "document.addEventListener('htmx:afterSettle', function () {"
                + " done(document.querySelector(css).textContent); }, {once: true});", css);
    }

    /**
     * A read of an element, again when it went stale: the signing page's status is swapped whole (outerHTML) by its
     * poll, and CI once saw the swap land between finding the element and reading it.
     */
    private <T> T fresh(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException swapped) {
                if (attempt == 5) {
                    throw swapped;
                }
            }
        }
    }

    public void type(String css, String value) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(value);
    }

    /**
     * Into the middle of the window at once: Bootstrap makes scrolling smooth (scroll-behavior) unless the person asks
     * for reduced motion, and a click aimed while the page still glides can land beside its element.
     */
    private static final String CENTRE = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})";

    /**
     * Clicks as a person would: scrolled into the middle of the window first (nothing sticky in the way). When the
     * click sends a form or follows a link, waits until the next page has loaded: WebDriver's click may return while
     * the old page is still shown, and a test reading it then reads the page it left.
     */
    public void click(String css) {
        WebElement e = find(css);
        driver.executeScript(CENTRE, e);
        boolean navigates = navigates(e);
        if (navigates) {
            markPageBeingLeft();
        }
        clickWhenSettled(e);
        if (navigates) {
            awaitNextPage();
        }
    }

    /** Enter on a field or button of a form, as someone sending the form by keyboard; waits for the next page. */
    public void pressEnter(String css) {
        WebElement e = find(css);
        markPageBeingLeft();
        e.sendKeys(Keys.ENTER);
        awaitNextPage();
    }

    /**
     * A form post built in the page with the session's own CSRF token (what a crafted request could send); waits for
     * the page the server answers with.
     */
    public void postFormWithMyToken(String path, String name, String value) {
        markPageBeingLeft();
        driver.executeScript(
                "var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                        + "var t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                        + "t.value = document.querySelector('meta[name=\"csrf-token\"]').content; f.appendChild(t);"
                        + "var d = document.createElement('input'); d.type = 'hidden'; d.name = arguments[1];"
                        + "d.value = arguments[2]; f.appendChild(d); document.body.appendChild(f); f.submit();",
                path, name, value);
        awaitNextPage();
    }

    /** A mark on the page being left: the next document does not have it. */
    private void markPageBeingLeft() {
        driver.executeScript("window.truongsoLeaving = true");
    }

    private void awaitNextPage() {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15))
                    // a script run while the document changes may fail: ask again
                    .ignoring(WebDriverException.class).until(d -> !Boolean.TRUE.equals(
                    ((JavascriptExecutor) d).executeScript("return window.truongsoLeaving === true")));
        } catch (TimeoutException stayed) {
            // the browser kept the page (a field's own check refused to send the form): nothing to wait for
        }
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class)
                .until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * The click, again after a moment while something else is still where the element will be: content loading above
     * it (page images, htmx) moves it after the scroll (CI saw the revision form's button land under its own form).
     */
    private void clickWhenSettled(WebElement e) {
        for (int attempt = 1; ; attempt++) {
            try {
                e.click();
                return;
            } catch (org.openqa.selenium.ElementClickInterceptedException moved) {
                if (attempt == 10) {
                    throw moved;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw moved;
                }
                driver.executeScript(CENTRE, e);
            }
        }
    }

    /** A submit button of a form, or a link to another page that is not a download. */
    private static boolean navigates(WebElement e) {
        String tag = e.getTagName().toLowerCase(java.util.Locale.ROOT);
        if (tag.equals("a")) {
            String href = e.getDomAttribute("href");
            return href != null && !href.startsWith("#") && !href.startsWith("javascript:")
                    && e.getDomAttribute("download") == null && e.getDomAttribute("target") == null;
        }
        boolean submit = "submit".equalsIgnoreCase(e.getDomProperty("type"));
        return (tag.equals("button") || tag.equals("input")) && submit && e.getDomProperty("form") != null;
    }

    /** Signs in through the login form as a person does (after signing out whoever was signed in). */
    public void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        type("#username", username);
        type("#password", password);
        click("button[type=submit]");
    }

    public void signIn(String username) {
        signIn(username, "demo");
    }

    /** Waits (up to a minute: a loaded machine) until a script or the server has put the element in the page. */
    public void waitFor(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    /** Screenshots of the page at 375 px and at 1280 px wide (full height), named after it. */
    public void screenshots(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {375, 1280}) {
                driver.manage().window().setSize(new Dimension(width, 900));
                Number height = (Number) driver.executeScript(
                        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
                driver.manage().window().setSize(new Dimension(width, Math.min(4000, Math.max(600,
                        height.intValue() + 40))));
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + width + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core (from the test classpath) on the page: no violation of impact "serious" or "critical". */
    public void accessible(String name) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(bad).as(name + ": " + bad.stream().map(v -> v.getId() + " (" + v.getImpact() + "): "
                + v.getHelp() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "))).isEmpty();
    }

    /** Screenshots and the accessibility check of the page shown now. */
    public void record(String name) {
        screenshots(name);
        accessible(name);
    }

    /** A GET with this browser's session (a download the browser would save), answering the bytes. */
    public HttpResponse<byte[]> fetch(String path) {
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (session != null) {
            b.header("Cookie", "JSESSIONID=" + session.getValue());
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
