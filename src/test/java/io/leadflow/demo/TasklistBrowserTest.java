package io.leadflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Browser;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * A rep's daily work in Camunda Tasklist, in a real headless Chromium: the demo rep who owns a
 * fresh lead logs in, opens the follow-up task from the filter 我的线索 / My leads, sees the lead in
 * the Camunda Form, records the outcome with notes and completes the task; the lead's stage and
 * history then show what was typed. Screenshots go to target/test-artifacts/.
 *
 * <p>Runs in the browser of {@link Browser}, on the demo profile in its own Spring context, so it
 * has its own H2 database and its own engine name (the webapps and REST API find engines by name
 * in a JVM-wide registry, which the other tests' contexts share); Tasklist is opened on that
 * engine by name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadflow-browser-test;DB_CLOSE_DELAY=-1;MODE=LEGACY",
    "camunda.bpm.process-engine-name=" + TasklistBrowserTest.ENGINE})
@ActiveProfiles({"test", "demo"})
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
class TasklistBrowserTest {

  static final String ENGINE = "browsertest";

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;

  Browser browser;
  ChromeDriver driver;
  WebDriverWait wait;
  boolean passed;

  @BeforeEach
  void startBrowser() throws Exception {
    browser = Browser.start("en-US");
    driver = browser.driver;
    wait = browser.wait;
  }

  @AfterEach
  void stopBrowser() {
    if (!passed) {
      browser.keepFailure("tasklist");
    }
    browser.close();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theOwnerCompletesTheFollowUpInTasklistAndTheLeadRecordsTheOutcome() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    String company = "上海精密制造 " + run;
    String notes = "已电话联系，下周演示 / Called, demo next week " + run;

    // README's example lead: manufacturing + MES scores 75 and goes to the MES specialists.
    Map<String, Object> body = ApiClient.lead("PARTNER_REFERRAL", "上海市浦东新区",
        "company", company, "phone", "138 1234 5678", "industry", "制造业", "product", "MES",
        "companySize", 800,
        "budget", 2_000_000, "decisionMaker", true,
        "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW")));
    var created = ApiClient.withKey(rest, DemoData.DEMO_API_KEY).post("/api/leads", body);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode lead = created.getBody();
    assertThat(lead.get("team").asText()).isEqualTo("mfg-mes");
    String owner = lead.get("owner").asText();
    assertThat(owner).isIn(demoRepsOf("mfg-mes"));
    Task task = tasks.createTaskQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_FollowUp");
    assertThat(task.getAssignee()).isEqualTo(owner);

    logIn("tasklist", owner);
    openFilter("我的线索 / My leads");
    By taskLink = taskLink(task.getId());
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(taskLink));
    assertThat(link.getText()).isEqualTo("跟进线索 / Follow up lead");
    link.click();

    // The Camunda Form shows the lead once its variables have loaded.
    wait.until(d -> company.equals(value("公司 / Company")));
    assertThat(value("姓名 / Name")).isEqualTo(body.get("name"));
    assertThat(value("意向产品 / Product")).isEqualTo("MES");
    assertThat(value("团队 / Team")).isEqualTo("制造业MES专家组 / Manufacturing MES specialists");
    assertThat(value("电话 / Phone")).isEqualTo("138 1234 5678");
    assertThat(value("跟进截止 / SLA due at")).isEqualTo(localTime(lead.get("slaDueAt").asText()));
    assertThat(value("评分 / Score")).isEqualTo("75");
    assertThat(value("分配原因 / Routing reason")).contains("制造业MES专家组");
    assertThat(field("公司 / Company").isEnabled()).as("the lead's facts are read-only").isFalse();
    screenshot("tasklist-follow-up-form.png");

    // Completing with nothing entered: the form says what is missing, in both languages.
    WebElement early = driver.findElement(By.cssSelector("button[ng-click='complete()']"));
    scrollIntoView(early);
    early.click();
    wait.until(d -> d.findElements(By.cssSelector(".fjs-form-field-error")).stream()
        .anyMatch(e -> e.getText().contains("必填 / Required")));
    assertThat(driver.findElements(By.cssSelector(".fjs-form-field-error")))
        .allSatisfy(e -> assertThat(e.getText()).doesNotContain("Field is required"));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    // What is missing is said at the fields; no error notification on top.
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector(".page-notifications .alert")));
    screenshot("tasklist-follow-up-required.png");

    // Record the first contact and its outcome: reached by phone, qualified, with notes.
    // A form-js select: its label carries the required mark, its options open in a drop-down.
    By channelField = By.xpath("//label[starts-with(normalize-space(),"
        + "'首次联系方式 / How you reached them')]/ancestor::div[contains(@class,'fjs-form-field')][1]");
    WebElement channel = driver.findElement(channelField)
        .findElement(By.cssSelector(".fjs-input-group"));
    scrollIntoView(channel);
    channel.click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='电话 / Call']"))).click();
    wait.until(d -> d.findElement(channelField).getText().contains("电话 / Call"));
    scrollIntoView(field("有效商机 / Qualified"));
    driver.findElement(By.xpath("//label[normalize-space()='有效商机 / Qualified']")).click();
    wait.until(d -> field("有效商机 / Qualified").isSelected());
    field("跟进记录 / Notes").sendKeys(notes);
    wait.until(d -> notes.equals(value("跟进记录 / Notes")));
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("button[ng-click='complete()']")));
    scrollIntoView(complete);
    screenshot("tasklist-follow-up.png");
    complete.click();

    // Tasklist takes the completed task off the list and closes the form.
    wait.until(ExpectedConditions.numberOfElementsToBe(taskLink, 0));
    wait.until(ExpectedConditions.numberOfElementsToBe(
        By.cssSelector("button[ng-click='complete()']"), 0));
    screenshot("tasklist-follow-up-completed.png");

    // The engine ran Task_RecordFollowUp: the phone call is the lead's first contact, and the lead
    // is an opportunity now, with the notes in its history.
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    String instance = lead.get("processInstanceId").asText();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId("Task_MarkOpportunity").finished().count()).isEqualTo(1);
    assertThat(tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("Task_DevelopOpportunity").singleResult().getAssignee())
        .isEqualTo(owner);
    assertThat(history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
        .getAssignee()).isEqualTo(owner);
    JsonNode after = ApiClient.as(rest, owner, DemoData.PASSWORD)
        .get("/api/leads/" + lead.get("id").asText()).getBody();
    assertThat(after.get("stage").asText()).isEqualTo("OPPORTUNITY");
    assertThat(after.get("contacts").get(0).get("channel").asText()).isEqualTo("CALL");
    assertThat(after.get("journey").get("firstContactAt").isNull()).isFalse();
    JsonNode last = after.get("history").get(after.get("history").size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("STAGE_CHANGED");
    assertThat(last.get("rep").asText()).isEqualTo(owner);
    assertThat(last.get("reason").asText()).isEqualTo("OPPORTUNITY: " + notes);

    // The form submitted only what the rep entered (outcome and notes were read, then cleared for
    // the next form): the read-only facts keep their types.
    assertThat(submitted(instance, "outcome")).isEqualTo("qualified");
    assertThat(submitted(instance, "notes")).isEqualTo(notes);
    assertThat(variable(instance, "contactChannel")).isEqualTo("CALL");
    assertThat(variable(instance, "slaDueAt")).isInstanceOf(Date.class);
    assertThat(variable(instance, "score")).isEqualTo(75);
    passed = true;
  }

  /**
   * A sales day: a rep finds their lead and a pool lead by company in 我的线索 and 公海, claims the
   * pool lead with Tasklist's Claim alone and follows it up; the lead is the rep's team's now, so
   * their manager sees it in 团队任务, and in Cockpit opens the routing decision of a team lead, its
   * inputs, outputs and matched rule, without a permission error on the way.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aRepClaimsFromThePoolInOneActionAndTheirManagerFollowsInTasklistAndCockpit()
      throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    // Their own lead: the MES specialists' (README's example); a pool lead: Sichuan has no team.
    JsonNode own = ApiClient.withKey(rest, DemoData.DEMO_API_KEY).createLead(ApiClient.lead(
        "PARTNER_REFERRAL", "上海市浦东新区", "company", "苏州精工 " + run, "industry", "制造业",
        "product", "MES", "companySize", 800, "budget", 2_000_000, "decisionMaker", true,
        "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW"))));
    String rep = own.get("owner").asText();
    JsonNode pooled = ApiClient.withKey(rest, DemoData.DEMO_API_KEY).createLead(ApiClient.lead(
        "WEBSITE_TRIAL", "四川省成都市", "company", "成都锦城物流 " + run, "decisionMaker", true,
        "companySize", 800, "budget", 1_500_000, "phone", "136 5555 0003", "activities",
        List.of(Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD"))));
    assertThat(pooled.get("team").asText()).isEqualTo("pool");
    // And a lead of another team, which the rep's manager may not see in Cockpit.
    JsonNode other = ApiClient.withKey(rest, DemoData.DEMO_API_KEY).createLead(ApiClient.lead(
        "WEBSITE_TRIAL", "广东省深圳市", "company", "深圳湾电子 " + run, "decisionMaker", true,
        "companySize", 800, "budget", 1_500_000, "activities",
        List.of(Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD"))));
    assertThat(other.get("team").asText()).isEqualTo("south-china");
    Task ownTask = openTask(own);
    Task poolTask = openTask(pooled);

    logIn("tasklist", rep);
    assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")))
        .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
    // Chinese names family name first, as Camunda shows first and last name.
    String header = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[cam-widget-header] li.account .dropdown-toggle"))).getText().trim();
    assertThat(header).isEqualTo(chineseName(rep));

    openFilter("我的线索 / My leads");
    String ownCard = card(ownTask.getId());
    assertThat(ownCard).contains("苏州精工 " + run).contains(own.get("score").asText())
        .contains("上海市浦东新区").contains(localTime(own.get("slaDueAt").asText()));
    screenshot("day-1-my-leads.png");

    openFilter("公海 / Pool");
    assertThat(card(poolTask.getId())).contains("成都锦城物流 " + run).contains("四川省成都市");
    driver.findElement(taskLink(poolTask.getId())).click();
    wait.until(d -> ("成都锦城物流 " + run).equals(value("公司 / Company")));
    assertThat(value("入公海原因 / Pool reason")).isEqualTo("分配规则转入公海 / routed to the pool");
    screenshot("day-2-pool-task.png");

    // One action: Tasklist's Claim. The lead is the rep's, and its follow-up is in 我的线索.
    driver.findElement(By.cssSelector("button.claim")).click();
    Task followUp = wait.until(d -> {
      Task open = openTask(pooled);
      return "Task_FollowUp".equals(open.getTaskDefinitionKey()) ? open : null;
    });
    assertThat(followUp.getAssignee()).isEqualTo(rep);
    JsonNode claimed = ApiClient.as(rest, rep, DemoData.PASSWORD)
        .get("/api/leads/" + pooled.get("id")).getBody();
    String team = claimed.get("team").asText();
    assertThat(team).isIn((Object[]) DemoData.REPS.stream().filter(r -> r.id().equals(rep))
        .findFirst().orElseThrow().teams());
    noErrorToast();
    openFilter("我的线索 / My leads");
    wait.until(ExpectedConditions.elementToBeClickable(taskLink(followUp.getId()))).click();
    wait.until(d -> ("成都锦城物流 " + run).equals(value("公司 / Company")));
    assertThat(value("电话 / Phone")).isEqualTo("136 5555 0003");
    screenshot("day-3-claimed-follow-up.png");
    driver.findElement(By.xpath("//a[normalize-space()='Description']")).click();
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".description-pane"))).getText())
        .contains("成都锦城物流 " + run).contains("首次联系");
    screenshot("day-4-description.png");
    driver.findElement(By.xpath("//a[normalize-space()='Form']")).click();
    wait.until(d -> ("成都锦城物流 " + run).equals(value("公司 / Company")));
    chooseAndComplete("电话 / Call", "已联系 / Contacted");
    wait.until(d -> "Task_Qualify".equals(openTask(pooled).getTaskDefinitionKey()));
    noErrorToast();

    // The team's manager: the claimed lead is in 团队任务.
    String manager = DemoData.MANAGERS.stream().filter(m -> List.of(m.teams()).contains(team))
        .findFirst().orElseThrow().id();
    logOut();
    logIn("tasklist", manager);
    openFilter("团队任务 / Team tasks");
    // The assignee by name (Tasklist shows ids to those who may not read the user).
    assertThat(card(openTask(pooled).getId())).contains("成都锦城物流 " + run);
    wait.until(d -> card(openTask(pooled).getId()).contains(chineseName(rep)));
    screenshot("day-5-team-tasks.png");
    noErrorToast();

    // Cockpit: the dashboard counts the instances the manager may read (as the Processes page
    // and the instance list do), the processes, Human Tasks, the decisions and the team lead's
    // routing decision, each without an error.
    identity.setAuthentication(manager, identity.createGroupQuery().groupMember(manager).list()
        .stream().map(Group::getId).toList());
    long readable;
    long assigned;
    try {
      readable = runtime.createProcessInstanceQuery().count();
      assigned = tasks.createTaskQuery().taskAssigned().count();
    } finally {
      identity.clearAuthentication();
    }
    assertThat(readable).isLessThan(runtime.createProcessInstanceQuery().count());
    driver.get(app("cockpit") + "#/dashboard");
    waitForCockpit();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
        "Running Process Instances\n" + readable + "\n"));
    screenshot("day-6-cockpit-dashboard.png");
    noErrorToast();
    driver.get(app("cockpit") + "#/processes");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
        "线索生命周期 / Lead lifecycle"));
    wait.until(d -> d.findElements(By.cssSelector(".loading")).isEmpty());
    screenshot("day-6-cockpit-processes.png");
    noErrorToast();
    driver.get(app("cockpit") + "#/tasks");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
        assigned + " assigned to a user"));
    wait.until(d -> d.findElements(By.cssSelector(".loading")).isEmpty());
    screenshot("day-6-cockpit-human-tasks.png");
    noErrorToast();
    driver.get(app("cockpit") + "#/decisions");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
        "线索分配路由 / Lead routing"));
    noErrorToast();
    HistoricDecisionInstance routing = history.createHistoricDecisionInstanceQuery()
        .processInstanceId(own.get("processInstanceId").asText())
        .decisionDefinitionKey("LeadRouting").singleResult();
    driver.get(app("cockpit") + "#/decision-instance/" + routing.getId());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
        "制造业MES专家组"));
    screenshot("day-7-routing-decision.png");
    noErrorToast();
    passed = true;
  }

  static String[] demoRepsOf(String team) {
    return DemoData.REPS.stream().filter(rep -> List.of(rep.teams()).contains(team))
        .map(DemoData.Rep::id).toArray(String[]::new);
  }

  String app(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/" + ENGINE + "/";
  }

  void logIn(String app, String user) {
    driver.get(app(app));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name=signinForm] input[ng-model=username]"))).sendKeys(user);
    driver.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]"))
        .sendKeys(DemoData.PASSWORD);
    driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector("form[name=signinForm]")));
  }

  void logOut() {
    driver.manage().deleteAllCookies();
  }

  void openFilter(String name) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[@class='name']/a[contains(.,'" + name + "')]")))
        .click();
  }

  static By taskLink(String taskId) {
    return By.cssSelector("ol.tasks-list a[href='#/?task=" + taskId + "']");
  }

  /** The task's card in the list, once its columns have loaded. */
  String card(String taskId) {
    By card = By.xpath("//ol[contains(@class,'tasks-list')]/li[.//a[@href='#/?task=" + taskId
        + "']]");
    wait.until(d -> d.findElement(card).getText().contains("公司 / Company"));
    return driver.findElement(card).getText();
  }

  Task openTask(JsonNode lead) {
    return tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .singleResult();
  }

  void waitForCockpit() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dashboard")));
    wait.until(d -> d.findElements(By.cssSelector(".loading")).isEmpty());
  }

  /** Camunda's notifications show no error: no permission refused, nothing failed. */
  void noErrorToast() throws InterruptedException {
    Thread.sleep(1500); // the page's calls answer; an error shows as a notification
    assertThat(driver.findElements(By.cssSelector(
        ".notifications .alert-danger, .notifications .alert-error")))
        .as("error notifications").extracting(WebElement::getText).isEmpty();
  }

  /** A demo user's name as Camunda shows it: family name first. */
  static String chineseName(String userId) {
    DemoData.Rep rep = DemoData.REPS.stream().filter(r -> r.id().equals(userId)).findFirst()
        .orElseThrow();
    return rep.last() + " " + rep.first();
  }

  static String localTime(String instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .format(java.time.Instant.parse(instant).atZone(java.time.ZoneId.of("Asia/Shanghai")));
  }

  /** Picks the first contact's channel and the outcome in the follow-up form, and completes it. */
  void chooseAndComplete(String channelLabel, String outcomeLabel) {
    By channelField = By.xpath("//label[starts-with(normalize-space(),"
        + "'首次联系方式 / How you reached them')]/ancestor::div[contains(@class,'fjs-form-field')][1]");
    WebElement channel = wait.until(ExpectedConditions.presenceOfElementLocated(channelField))
        .findElement(By.cssSelector(".fjs-input-group"));
    scrollIntoView(channel);
    channel.click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + channelLabel + "']")))
        .click();
    wait.until(d -> d.findElement(channelField).getText().contains(channelLabel));
    scrollIntoView(field(outcomeLabel));
    driver.findElement(By.xpath("//label[normalize-space()='" + outcomeLabel + "']")).click();
    wait.until(d -> field(outcomeLabel).isSelected());
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("button[ng-click='complete()']")));
    scrollIntoView(complete);
    complete.click();
  }

  /** The form-js input its label names (form-js links each label to its input by "for"). */
  WebElement field(String label) {
    WebElement element = driver.findElement(
        By.xpath("//label[normalize-space()='" + label + "'][@for]"));
    return driver.findElement(By.id(element.getDomAttribute("for")));
  }

  String value(String label) {
    return field(label).getDomProperty("value");
  }

  Object variable(String processInstanceId, String name) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  /** The first value the variable was given, even if it was removed since. */
  Object submitted(String processInstanceId, String name) {
    return history.createHistoricDetailQuery().processInstanceId(processInstanceId)
        .variableUpdates().orderByTime().asc().list().stream()
        .map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
        .filter(u -> name.equals(u.getVariableName())).findFirst()
        .map(org.camunda.bpm.engine.history.HistoricVariableUpdate::getValue).orElse(null);
  }

  void scrollIntoView(WebElement element) {
    browser.scrollIntoView(element);
  }

  void screenshot(String name) {
    browser.screenshot(name);
  }
}
