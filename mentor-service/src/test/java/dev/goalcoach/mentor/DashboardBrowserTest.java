package dev.goalcoach.mentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.goalcoach.testkit.DirectoryMembers;
import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard client in a real headless browser: Debian's chromium driven through its chromedriver (never a
 * downloaded driver). A mentor signs in with the keyboard alone, finds the roster in risk order (first paint read from
 * the browser's paint timing), opens a mentee by Tab and Enter, sees the charts drawn and the risk reasons, asks the
 * copilot, accepts a suggestion and acknowledges an alert; each page is kept as a screenshot under
 * {@code target/screenshots/}, the roster also at 390 px wide. Without a browser the test says so and is skipped,
 * except in CI ({@code CI=true}), where it must run ({@code .ci/run} installs chromium and chromium-driver).
 */
@QuarkusTest
class DashboardBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/mentor/app/login")
    URL login;

    ChromeDriver browser;

    @BeforeEach
    void browser() throws IOException {
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!present) {
            String why = "NO BROWSER: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver); the dashboard's browser test is SKIPPED";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " -- and in CI it must run");
            }
            System.err.println("\n*** " + why + " ***\n");
            Assumptions.abort(why);
        }
        Files.createDirectories(SCREENSHOTS);
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMentorWorksThroughTheDashboardInARealBrowser() throws Exception {
        var mentor = DirectoryMembers.known("MENTOR", "UTC", null, null);
        var slipping = Mentees.slipping(mentor);
        var calm = DirectoryMembers.known("MEMBER", "UTC", mentor, null);
        UpstreamStub.ROSTERS.put(
                mentor,
                List.of(
                        UpstreamStub.rosterEntry(slipping, null, 62, "HIGH", List.of(100, 100, 0, 100, 0, 0, 0)),
                        UpstreamStub.rosterEntry(calm, null, 5, "LOW", List.of(100, 100, 100, 100, 100, 100, 100))));
        var alert = AlertsTest.alert(slipping);
        String email = "browser-" + UUID.randomUUID() + "@example.org";
        UpstreamStub.LOGINS.put(email, new UpstreamStub.Login("Correct-horse-9", TestTokens.mentor(mentor)));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        // sign in with the keyboard alone: the email field has the focus, Tab to the password, Enter to send
        browser.get(login.toString());
        shot("1-sign-in");
        active().sendKeys(email);
        active().sendKeys(Keys.TAB);
        active().sendKeys("Correct-horse-9");
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("roster")));

        // the roster, riskiest first, with sparklines and the alert badge
        var rows = browser.findElements(By.cssSelector("#roster tbody tr"));
        assertThat(rows)
                .extracting(r -> r.getAttribute("data-member"))
                .containsExactly(slipping.toString(), calm.toString());
        assertThat(browser.findElements(By.cssSelector("#roster svg.spark polyline")))
                .hasSize(2);
        assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("1");
        // its first paint, as the browser timed it, is reported for the record (a load after the first: the JIT warm,
        // as a mentor finds it), not gated: a speed figure is
        // a benchmark's (bench/README.md), and a shared CI machine's timing says nothing about the code
        double coldPaint = firstPaint(wait);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("roster")));
        double paint = firstPaint(wait);
        System.out.printf("dashboard roster first paint: %.0f ms (the first load: %.0f ms)%n", paint, coldPaint);
        shot("2-roster");
        browser.manage().window().setSize(new Dimension(390, 844));
        shot("3-roster-390px");
        assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the 390 px screen")
                .isLessThanOrEqualTo(390);
        browser.manage().window().setSize(new Dimension(1280, 900));

        // open the first mentee by Tab and Enter only
        String first = "/mentor/app/mentees/" + slipping;
        for (int i = 0; i < 40 && !String.valueOf(active().getAttribute("href")).endsWith(first); i++) {
            active().sendKeys(Keys.TAB);
        }
        assertThat(active().getAttribute("href")).as("reached by Tab").endsWith(first);
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#adherence-chart canvas")));

        // charts drawn: canvases with pixels painted from 14 days of data; the reasons in words
        assertThat(browser.findElements(By.cssSelector("#adherence-chart canvas, #strength-chart canvas")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(((Number) script("return JSON.parse(document.getElementById('chart-data').textContent)[0].length"))
                        .intValue())
                .isEqualTo(14);
        assertThat(painted("#adherence-chart canvas"))
                .as("pixels drawn in the adherence chart")
                .isGreaterThan(200);
        assertThat(painted("#strength-chart canvas"))
                .as("pixels drawn in the strength chart")
                .isGreaterThan(200);
        assertThat(browser.findElement(By.id("reasons")).getText()).contains("adherence 43 % this week");
        shot("4-mentee");

        // ask the copilot
        browser.findElement(By.id("question")).sendKeys("How is she doing?");
        browser.findElement(By.id("ask")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
        assertThat(browser.findElement(By.id("answer")).getText()).contains("43 %");
        script("document.getElementById('copilot').scrollIntoView()");
        shot("5-copilot");

        // accept the suggestion waiting
        WebElement suggestion = browser.findElement(By.cssSelector("#suggestions li.suggestion"));
        suggestion.findElement(By.xpath(".//button[text()='Accept']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Suggestion accepted"));
        assertThat(browser.findElements(By.cssSelector("#suggestions li.suggestion")))
                .isEmpty();
        assertThat(UpstreamStub.DECISIONS).anyMatch(d -> d.contains(" accept "));
        shot("6-suggestion-accepted");

        // acknowledge the alert
        browser.findElement(By.cssSelector("#alert-" + alert + " button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Alert acknowledged"));
        assertThat(browser.findElement(By.id("alert-" + alert)).getText()).contains("acknowledged");
        shot("7-alert-acknowledged");

        // back on the roster: no badge left
        browser.get(login.toString().replace("/login", "/roster"));
        assertThat(browser.findElements(By.id("alert-count"))).isEmpty();
        assertThat(browser.findElement(By.id("no-alerts")).getText()).contains("No open alerts");
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    /** The page's first paint (or first contentful paint), ms from navigation start. */
    /** The page's first paint (ms from navigation), once the browser has recorded it: it may lag the DOM. */
    private double firstPaint(WebDriverWait wait) {
        return wait.until(b -> {
            Object ms = script(
                    "var p = performance.getEntriesByType('paint');" + " return p.length ? p[0].startTime : -1;");
            double value = ((Number) ms).doubleValue();
            return value >= 0 ? value : null;
        });
    }

    /** How many pixels of the canvases under {@code selector} are not transparent. */
    private long painted(String selector) {
        Object n = script("var total = 0; document.querySelectorAll('" + selector + "').forEach(function (c) {"
                + " var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { total++; } } }); return total;");
        return ((Number) n).longValue();
    }

    private void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("dashboard-" + name + ".png"), png);
    }
}
