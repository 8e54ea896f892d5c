package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Acceptance 2: headless Debian Chromium (through chromedriver) loads the dashboard during a
 * round and sees its counters change, and renders the HTML report of the run; screenshots go to
 * {@code target/screenshots/}. Skipped, with the reason printed, without /usr/bin/chromium.
 */
@Tag("browser")
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/screenshots");

  @BeforeAll
  static void needsChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      System.out.println("DashboardBrowserTest skipped: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
  }

  static WebDriver browser(Path profile) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1400,1000");
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new ChromeDriver(svc, o);
  }

  static Path screenshot(WebDriver d, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Path to = SHOTS.resolve(name);
    Files.write(to, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    return to;
  }

  private static long counter(WebDriver d, String id) {
    String t = d.findElement(By.id("c-" + id)).getText().trim();
    return t.isEmpty() ? 0 : Long.parseLong(t);
  }

  @Test
  void dashboardCountersMoveDuringARoundAndTheReportRenders() throws Exception {
    Path dir = Files.createTempDirectory("assay-browser");
    Path db = dir.resolve("a.db");
    Path seeds = DaemonProcess.smallSeeds(dir, 10);
    WebDriver d = browser(Files.createDirectories(dir.resolve("profile")));
    try {
      try (DaemonProcess daemon = DaemonProcess.serve(dir, dev.assay.TestConfigs.quickDemo(dir), db, Map.of())) {
        d.get("http://127.0.0.1:" + daemon.port + "/");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60));
        wait.until(x -> x.findElement(By.id("state")).getText().equals("idle"));
        assertThat(d.getTitle()).isEqualTo("Assay dashboard");
        assertThat(((JavascriptExecutor) d).executeScript("return Object.keys(Chart.instances).length")).isEqualTo(5L);
        assertThat(counter(d, "attempts")).isZero();

        String id = new JsonObject(daemon.post("/api/rounds",
            new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 2).encode()).body()).getString("id");
        List<Long> seen = new ArrayList<>();
        new WebDriverWait(d, Duration.ofSeconds(120), Duration.ofMillis(100)).until(x -> {
          long v = counter(x, "attempts");
          if (seen.isEmpty() || seen.get(seen.size() - 1) != v) {
            seen.add(v);
          }
          return seen.stream().filter(n -> n > 0).count() >= 3;
        });
        assertThat(d.findElement(By.id("state")).getText()).isEqualTo("running");
        screenshot(d, "dashboard-live.png");
        assertThat(seen).as("attempt counter values seen").isSorted();

        daemon.poll("/api/rounds/" + id, j -> j.getString("state").equals("done"), 300);
        JsonObject report = daemon.getJson("/api/rounds/" + id).getJsonObject("report");
        long kept = report.getJsonObject("stages").getLong("kept");
        wait.until(x -> counter(x, "kept_total") == kept);
        wait.until(x -> x.findElement(By.cssSelector("#rounds tbody")).getText().contains("done"));
        screenshot(d, "dashboard-done.png");
      }

      Path html = SHOTS.resolve("report.html");
      Files.createDirectories(SHOTS);
      Process p = DaemonProcess.start(dir, Map.of(), "report", "--db", db.toString(), "--format", "html", "--out",
          html.toAbsolutePath().toString());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
      String text = Files.readString(html);
      assertThat(text).doesNotContain("src=\"http", "href=\"http"); // self-contained: nothing fetched
      d.get(html.toAbsolutePath().toUri().toString());
      new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> Long.valueOf(5L).equals(
          ((JavascriptExecutor) x).executeScript("return window.Chart ? Object.keys(Chart.instances).length : 0")));
      assertThat(d.findElement(By.tagName("tbody")).getText()).contains("demo #1");
      screenshot(d, "report.png");
    } finally {
      d.quit();
    }
  }

  @Test
  void withATokenTheDashboardWorksWhenOpenedWithIt() throws Exception {
    Path dir = Files.createTempDirectory("assay-browser");
    String token = "tok" + Long.toHexString(System.nanoTime()) + "0123456789abcdef";
    WebDriver d = browser(Files.createDirectories(dir.resolve("profile")));
    try (DaemonProcess daemon = DaemonProcess.serve(dir, dev.assay.TestConfigs.quickDemo(dir), dir.resolve("a.db"),
        Map.of("ASSAY_API_TOKEN", token))) {
      d.get("http://127.0.0.1:" + daemon.port + "/?token=" + token);
      new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> x.findElement(By.id("state")).getText().equals("idle"));
      assertThat(((JavascriptExecutor) d).executeScript("return Object.keys(Chart.instances).length")).isEqualTo(5L);
      d.get("http://127.0.0.1:" + daemon.port + "/");
      assertThat(d.getPageSource()).contains("bearer token").doesNotContain("Launch round");
    } finally {
      d.quit();
    }
  }

  @Test
  void reportCommandNeedsOutForHtml() throws Exception {
    Path dir = Files.createTempDirectory("assay-browser");
    Process p = DaemonProcess.start(dir, Map.of(), "report", "--db", dir.resolve("none.db").toString(), "--format", "html");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("log.txt"))).contains("--out");
  }

}
