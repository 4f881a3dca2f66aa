package io.leadflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.AppBrowserTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The import page in a real browser, as a demo manager uses it: upload a trade show's cards,
 * check the preview and the mapping, start, watch the progress bar, read the bad rows and fetch
 * the error file. Screenshots in target/test-artifacts/imports-*.png.
 */
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
class ImportPageBrowserTest extends AppBrowserTest {

  ImportPageBrowserTest() {
    super("imports");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aManagerUploadsChecksThePreviewFollowsTheImportAndGetsTheErrorFile() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("姓名", "公司名称", "职位", "手机", "邮箱", "省份", "行业", "员工数", "预算", "是否决策人",
        "来源", "展位"));
    for (int i = 0; i < 30; i++) {
      rows.add(List.of("客户" + i, "上海浦东" + i + "号金融有限公司", "采购经理",
          "1391234" + String.format("%04d", i), "", "上海市", "金融", "800", "200万", "是",
          "合作伙伴推荐", "A" + i));
    }
    rows.add(List.of("电话有误", "某公司", "", "12345", "", "上海市", "金融", "", "", "", "", ""));
    rows.add(List.of("没有联系方式", "某公司", "", "", "", "上海市", "金融", "很多", "", "", "", ""));
    Path file = Files.createTempFile("展会名片-", ".xlsx");
    Files.write(file, ImportFiles.xlsx(rows));

    var driver = browser.driver;
    browser.logInToApp(port, "qian.jun", "demo", "/app/imports.html");
    browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "批量导入线索"));
    assertThat(driver.findElements(By.cssSelector(".lf-bar nav a")).stream()
        .map(WebElement::getText).toList()).contains("批量导入");
    driver.findElement(By.id("file")).sendKeys(file.toString());
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("source")))
        .selectByValue("TRADE_SHOW");
    driver.findElement(By.id("campaign")).sendKeys("2026上海工博会");
    driver.findElement(By.id("preview-button")).click();

    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
    assertThat(driver.findElement(By.id("detected")).getText()).contains("格式 XLSX")
        .contains("共 32 行");
    List<WebElement> mapping = driver.findElements(By.cssSelector("#mapping tbody tr"));
    assertThat(mapping).hasSize(12);
    assertThat(mapping.get(3).getText()).contains("手机");
    assertThat(new org.openqa.selenium.support.ui.Select(mapping.get(3)
        .findElement(By.tagName("select"))).getFirstSelectedOption().getText()).isEqualTo("手机");
    assertThat(new org.openqa.selenium.support.ui.Select(mapping.get(11)
        .findElement(By.tagName("select"))).getFirstSelectedOption().getText())
        .isEqualTo("保留为附加信息");
    assertThat(driver.findElement(By.cssSelector("#sample tbody")).getText())
        .contains("+8613912340000");
    browser.screenshot("imports-preview.png");

    driver.findElement(By.id("start")).click();
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress")));
    browser.screenshot("imports-progress.png");
    browser.wait.until(d -> d.findElement(By.id("progress-title")).getText().contains("已完成"));
    String counts = driver.findElement(By.id("counts")).getText();
    assertThat(counts).contains("已处理 32 / 32 行").contains("新建 30").contains("失败 2");
    assertThat(driver.findElement(By.id("assigned")).getText()).contains("wang.fang 10")
        .contains("liu.yang 10").contains("chen.jing 10");
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failed")));
    String failed = driver.findElement(By.id("failed-rows")).getText();
    assertThat(failed).contains("12345").contains("is not a valid phone number")
        .contains("很多").contains("must be a whole number").contains("email or phone is required");
    WebElement errors = driver.findElement(By.id("errors-file"));
    assertThat(errors.isDisplayed()).isTrue();
    browser.scrollIntoView(errors);
    browser.screenshot("imports-done.png");
    Object download = driver.executeAsyncScript("fetch(arguments[0]).then(r => arguments[1]("
        + "r.status + ' ' + r.headers.get('content-disposition')))", errors.getDomAttribute("href"));
    assertThat(download.toString()).startsWith("200 attachment;").contains("errors.xlsx");

    driver.findElement(By.cssSelector(".lf-lang")).click();
    browser.wait.until(d -> d.findElement(By.id("counts")).getText().contains("created 30"));
    browser.screenshot("imports-done-en.png");
    passed = true;
  }
}
