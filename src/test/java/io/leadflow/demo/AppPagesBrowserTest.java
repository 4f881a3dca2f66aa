package io.leadflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.AppBrowserTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * LeadFlow's own pages in a real browser: a demo manager logs in through the login page (in
 * Chinese, as their browser asks), lands on the home page with their menu, switches to English
 * and logs out. Screenshots in target/test-artifacts/app-*.png.
 */
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
class AppPagesBrowserTest extends AppBrowserTest {

  AppPagesBrowserTest() {
    super("app");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aManagerLogsInSeesTheirMenuInTheirLanguageAndLogsOut() {
    var driver = browser.driver;
    driver.get("http://localhost:" + port + "/app/");
    browser.wait.until(ExpectedConditions.urlContains("/app/login.html"));
    browser.wait.until(d -> d.findElement(By.cssSelector("#login h2")).getText()
        .equals("登录 LeadFlow"));
    browser.screenshot("app-login.png");

    driver.findElement(By.id("username")).sendKeys("qian.jun");
    driver.findElement(By.id("password")).sendKeys("wrong");
    driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector("#login .lf-message"),
        "用户名或密码错误。"));

    browser.logInToApp(port, "he.lei", DemoData.PASSWORD, "/app/");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".lf-user"), "何磊"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("欢迎使用 LeadFlow");
    assertThat(driver.findElements(By.cssSelector(".lf-bar nav a")).stream()
        .map(a -> a.getText()).toList()).contains("任务列表 Tasklist", "流程监控 Cockpit");
    browser.screenshot("app-home.png");

    driver.findElement(By.cssSelector(".lf-lang")).click();
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome to LeadFlow");
    assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
    browser.screenshot("app-home-en.png");

    driver.findElement(By.cssSelector(".lf-logout")).click();
    browser.wait.until(ExpectedConditions.urlContains("/app/login.html"));
    driver.get("http://localhost:" + port + "/app/");
    browser.wait.until(ExpectedConditions.urlContains("/app/login.html"));
    passed = true;
  }
}
