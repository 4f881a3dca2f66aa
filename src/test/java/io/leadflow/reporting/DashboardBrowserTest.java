package io.leadflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.AppBrowserTest;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;

/**
 * The dashboard in a real browser: the fixture's manager logs in, opens the dashboard for the
 * fixture's week, sees the four charts drawn and the tables filled, and the figures on the page are
 * the API's. Screenshots in target/test-artifacts/dashboard-*.png.
 */
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
class DashboardBrowserTest extends AppBrowserTest {

  DashboardBrowserTest() {
    super("dashboard");
  }

  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aManagerSeesTheChartsOfTheirTeamAndTheFiguresOfTheApi() {
    ReportFigures fixture = new ReportFigures(context);
    fixture.build(directory, identity);
    ApiClient manager = ApiClient.as(rest, fixture.manager, Teams.PASSWORD);
    String window = fixture.window();
    JsonNode response = ReportFigures.rows(manager, "/api/reports/response?" + window
        + "&groupBy=all").get(0);
    JsonNode funnel = ReportFigures.rows(manager, "/api/reports/funnel?" + window
        + "&groupBy=all").get(0);

    var driver = browser.driver;
    driver.manage().window().setSize(new Dimension(1400, 2300));
    browser.logInToApp(port, fixture.manager, Teams.PASSWORD, "/app/");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".lf-user"), "Rpt Manager"));
    driver.get("http://localhost:" + port + "/app/dashboard.html?" + window);
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "数据看板"));
    browser.wait.until(d -> d.findElements(By.cssSelector(".lf-chart canvas")).size() == 4);
    browser.wait.until(d -> d.findElements(By.cssSelector("#performance tbody tr")).size() == 2);

    assertThat(kpi("leads")).isEqualTo(funnel.get("leads").asText()).isEqualTo("5");
    assertThat(kpi("coverage")).isEqualTo("80.0%")
        .isEqualTo(String.format("%.1f%%", response.get("coverage").asDouble() * 100));
    assertThat(kpi("reclaimed")).isEqualTo(response.get("reclaimed").asText());
    assertThat(driver.findElements(By.cssSelector(".lf-bar nav a")).stream()
        .map(WebElement::getText).toList()).contains("数据看板");
    assertThat(driver.findElement(By.id("scope")).getText()).contains(fixture.east);
    List<String> reps = driver.findElements(By.cssSelector("#performance tbody tr td:nth-child(2)"))
        .stream().map(WebElement::getText).toList();
    assertThat(reps).containsExactly(fixture.a1, fixture.a2);
    assertThat(driver.findElements(By.cssSelector("#rules tbody tr"))).hasSize(4);
    assertThat(driver.findElement(By.id("export")).getDomAttribute("href"))
        .contains("format=csv").contains("from=" + fixture.monday);
    browser.screenshot("dashboard-zh.png");

    driver.findElement(By.cssSelector(".lf-lang")).click();
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
    assertThat(driver.findElement(By.cssSelector("[data-kpi=coverage] .lf-kpi-label")).getText())
        .isEqualTo("Follow-up coverage");
    browser.screenshot("dashboard-en.png");
    passed = true;
  }

  private String kpi(String name) {
    return browser.driver.findElement(By.cssSelector("[data-kpi=" + name + "] .lf-kpi-value"))
        .getText();
  }
}
