package io.leadflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.ApiClient;
import io.leadflow.support.AppBrowserTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The rules page in a real browser, as the demo analyst uses it: back-test a candidate that sends
 * 北京 to east-china, deploy it, read the diff, restore the version before in one step.
 * Screenshots in target/test-artifacts/rules-*.png. The routing table is the project's again at
 * the end (the restore deploys it).
 */
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
class RulesPageBrowserTest extends AppBrowserTest {

  RulesPageBrowserTest() {
    super("rules");
  }

  @Autowired TestRestTemplate rest;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anAnalystBackTestsDeploysDiffsAndRestores() throws Exception {
    ApiClient integration = ApiClient.withKey(rest, "demo-api-key-change-me");
    for (String region : List.of("北京市海淀区", "北京市朝阳区", "北京市东城区", "上海市浦东新区")) {
      integration.createLead(ApiClient.lead("PARTNER_REFERRAL", region, "company", region + "金融",
          "industry", "金融", "companySize", 800, "budget", 2_000_000, "decisionMaker", true,
          "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW"))));
    }
    String routing = new String(RulesApiTest.classpath("/decisions/LeadRouting.dmn"),
        StandardCharsets.UTF_8);
    Path candidate = Files.createTempFile("LeadRouting-北京-", ".dmn");
    Files.writeString(candidate, routing.replace(RulesApiTest.OTHERWISE, RulesApiTest.rule(
        "Rule_Beijing", "北京的线索交给华东销售团队 / Beijing leads go to East China sales",
        "contains(?, \"北京\")", "east-china") + RulesApiTest.OTHERWISE));

    var driver = browser.driver;
    browser.logInToApp(port, "analyst", "demo", "/app/rules.html");
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "规则工作台"));
    assertThat(driver.findElements(By.cssSelector(".lf-bar nav a")).stream()
        .map(WebElement::getText).toList()).contains("规则工作台");
    browser.wait.until(d -> !d.findElements(By.cssSelector("#versions tbody tr")).isEmpty());
    int versionsBefore = driver.findElements(By.cssSelector("#versions tbody tr")).size();

    driver.findElement(By.id("file")).sendKeys(candidate.toString());
    driver.findElement(By.id("simulate")).click();
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    assertThat(driver.findElement(By.id("result-title")).getText()).contains("回测结果");
    assertThat(driver.findElement(By.id("stats")).getText()).contains("换团队");
    String matrix = driver.findElement(By.id("matrix")).getText();
    assertThat(matrix).contains("公海", "华东销售团队");
    assertThat(driver.findElement(By.id("sample")).getText()).contains("北京市海淀区")
        .contains("Rule_Beijing");
    assertThat(driver.findElement(By.id("rule-use")).getText()).contains("Rule_Beijing");
    browser.screenshot("rules-backtest.png");

    WebElement deploy = driver.findElement(By.id("deploy"));
    browser.scrollIntoView(deploy);
    deploy.click();
    browser.wait.until(ExpectedConditions.textToBe(By.id("deploy"), "确认部署？"));
    deploy.click();
    browser.wait.until(d -> d.findElement(By.cssSelector(".lf-message")).getText()
        .startsWith("已部署为 v"));
    browser.wait.until(d -> d.findElements(By.cssSelector("#versions tbody tr")).size()
        == versionsBefore + 1);

    WebElement previous = driver.findElements(By.cssSelector("#versions tbody tr")).get(1);
    previous.findElements(By.tagName("button")).stream()
        .filter(b -> b.getText().equals("与当前对比")).findFirst().orElseThrow().click();
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("diff")));
    assertThat(driver.findElement(By.id("diff-title")).getText()).contains("新增 1");
    assertThat(driver.findElement(By.id("diff-rules")).getText()).contains("Rule_Beijing")
        .contains("contains(?, \"北京\")").contains("位置 7 → 8");
    browser.screenshot("rules-diff.png");

    previous = driver.findElements(By.cssSelector("#versions tbody tr")).get(1);
    WebElement restore = previous.findElements(By.tagName("button")).stream()
        .filter(b -> b.getText().equals("恢复")).findFirst().orElseThrow();
    browser.scrollIntoView(restore);
    restore.click();
    browser.wait.until(d -> restore.getText().startsWith("确认恢复"));
    restore.click();
    browser.wait.until(d -> d.findElement(By.cssSelector(".lf-message")).getText()
        .contains("恢复为新版本"));
    browser.wait.until(d -> d.findElements(By.cssSelector("#versions tbody tr")).size()
        == versionsBefore + 2);
    assertThat(driver.findElement(By.cssSelector("#versions tbody tr")).getText())
        .contains("恢复自 v").contains("analyst");
    browser.screenshot("rules-restored.png");

    driver.findElement(By.cssSelector(".lf-lang")).click();
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Rules workbench"));
    assertThat(driver.findElement(By.cssSelector("#versions tbody tr")).getText())
        .contains("Restore of v");
    browser.scrollIntoView(driver.findElement(By.id("result")));
    browser.screenshot("rules-backtest-en.png");
    passed = true;
  }
}
