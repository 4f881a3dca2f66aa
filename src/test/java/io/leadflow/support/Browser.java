package io.leadflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium for the browser tests: Debian's chromium and chromium-driver (which
 * .ci/run installs), never Selenium Manager. A test class guards itself with
 * {@code @EnabledIf("io.leadflow.support.Browser#availableOrCi")}: outside CI it is skipped when
 * they are missing; in CI (CI set) it always runs, and fails if they are missing. Screenshots go to
 * target/test-artifacts/.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path ARTIFACTS = Path.of("target", "test-artifacts");

  public static boolean availableOrCi() {
    return System.getenv("CI") != null
        || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER));
  }

  public final ChromeDriver driver;
  /** Waits up to 20 s; conditions look their elements up again when the page re-renders them. */
  public final WebDriverWait wait;
  private final Path profile;

  private Browser(ChromeDriver driver, WebDriverWait wait, Path profile) {
    this.driver = driver;
    this.wait = wait;
    this.profile = profile;
  }

  /** @param language the browser's language, e.g. en-US or zh-CN */
  public static Browser start(String language) throws IOException {
    assertThat(CHROMIUM).as("Debian's chromium (.ci/run installs it)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver (.ci/run installs it)").isExecutable();
    Files.createDirectories(ARTIFACTS);
    Path profile = Files.createTempDirectory("leadflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // No background traffic: this machine's network is closed, and the test needs none.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--lang=" + language, "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The driver is given, so Selenium Manager is never asked to find or download one.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    return new Browser(driver, wait, profile);
  }

  /** Logs in to LeadFlow's own pages through their login page, then opens this page. */
  public void logInToApp(int port, String user, String password, String page) {
    driver.get("http://localhost:" + port + "/app/login.html?next=" + page);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().endsWith(page));
  }

  public void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript(
        "arguments[0].scrollIntoView({block: 'center'})", element);
  }

  public void screenshot(String name) {
    try {
      Files.write(ARTIFACTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page and a screenshot, for a test that failed: name-failure.html and .png. */
  public void keepFailure(String name) {
    try {
      Files.writeString(ARTIFACTS.resolve(name + "-failure.html"), driver.getPageSource());
      Files.write(ARTIFACTS.resolve(name + "-failure-console.txt"), driver.manage().logs()
          .get(LogType.BROWSER).getAll().stream().map(Object::toString).toList());
      screenshot(name + "-failure.png");
    } catch (IOException | RuntimeException e) {
      // the browser may be gone with the failure; the test's own error says what happened
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      FileSystemUtils.deleteRecursively(profile.toFile());
    }
  }
}
