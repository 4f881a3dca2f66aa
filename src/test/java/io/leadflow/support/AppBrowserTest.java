package io.leadflow.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A browser test of LeadFlow's own pages (/app/): the demo's people on an in-memory database of
 * their own, one application context for all such tests, and a headless Chromium per test in
 * zh-CN. A test that does not reach its end (does not set {@link #passed}) leaves the page, its
 * console and a screenshot in target/test-artifacts/ under its name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadflow-app-browser-test;DB_CLOSE_DELAY=-1;MODE=LEGACY",
    "camunda.bpm.process-engine-name=appbrowsertest"})
@ActiveProfiles({"test", "demo"})
@EnabledIf("io.leadflow.support.Browser#availableOrCi")
public abstract class AppBrowserTest {

  @LocalServerPort protected int port;

  protected Browser browser;
  protected boolean passed;
  private final String name;

  protected AppBrowserTest(String name) {
    this.name = name;
  }

  @BeforeEach
  void startBrowser() throws Exception {
    browser = Browser.start("zh-CN");
  }

  @AfterEach
  void stopBrowser() {
    if (!passed) {
      browser.keepFailure(name);
    }
    browser.close();
  }
}
