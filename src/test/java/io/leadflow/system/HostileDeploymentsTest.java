package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Each hostile deployment a client (Camunda Modeler, a script) can send to
 * {@code /engine-rest/deployment/create} is a 4xx with the parser's or the database's message,
 * never a 500, and deploys nothing: files that are not XML, binary, empty, billion-laughs and XXE
 * documents, a DMN that is not XML, a form that is not JSON, names and ids too long for their
 * columns or with a NUL character, junk dates and flags. On PostgreSQL, which refuses what H2
 * takes (a NUL character).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class HostileDeploymentsTest {

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;

  ProcessEngine registered;

  /** /engine-rest finds the engine by name in Camunda's registry: this context's one. */
  @BeforeEach
  void engineRestUsesThisContextsEngine() {
    registered = ProcessEngines.getProcessEngine(engine.getName());
    ProcessEngines.registerProcessEngine(engine);
  }

  @AfterEach
  void putBackTheRegisteredEngine() {
    if (registered != null) {
      ProcessEngines.registerProcessEngine(registered);
    }
  }

  /** One hostile deployment: its form fields, then its files (name, content). */
  record Upload(List<String[]> fields, List<Object[]> files) {
    static Upload of(String file, byte[] content, String... fields) {
      List<String[]> pairs = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < fields.length; i += 2) {
        pairs.add(new String[] {fields[i], fields[i + 1]});
      }
      if (pairs.stream().noneMatch(p -> p[0].equals("deployment-name"))) {
        pairs.add(new String[] {"deployment-name", "hostile"});
      }
      return new Upload(pairs, List.<Object[]>of(new Object[] {file, content}));
    }

    @Override
    public String toString() {
      return (String) files.get(0)[0];
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String process(String id, String name) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"" + BPMN_NS + "\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"hostile\">"
        + "<process id=\"" + id + "\" name=\"" + name + "\" isExecutable=\"true\""
        + " camunda:historyTimeToLive=\"P1D\"><startEvent id=\"start\"/></process></definitions>";
  }

  static String decision(String id) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"" + DMN_NS + "\""
        + " id=\"d\" name=\"d\" namespace=\"hostile\"><decision id=\"" + id + "\" name=\"d\">"
        + "<decisionTable id=\"t\"><output id=\"o\" typeRef=\"string\"/></decisionTable>"
        + "</decision></definitions>";
  }

  static final String LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>";
  static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM"
      + " \"file:///etc/passwd\">]>";

  static byte[] binary() {
    byte[] bytes = new byte[4096];
    new Random(19).nextBytes(bytes);
    return bytes;
  }

  static Stream<Arguments> hostile() {
    String longId = "p" + "x".repeat(300);
    String okProcess = process("hostile_ok", "ok");
    return Stream.of(
        Arguments.of("BPMN not XML", Upload.of("h.bpmn", utf8("this is no XML"))),
        Arguments.of("BPMN binary", Upload.of("h.bpmn", binary())),
        Arguments.of("BPMN empty", Upload.of("h.bpmn", new byte[0])),
        Arguments.of("BPMN truncated", Upload.of("h.bpmn",
            utf8(okProcess.substring(0, okProcess.length() / 2)))),
        Arguments.of("BPMN billion laughs", Upload.of("h.bpmn", utf8(LAUGHS
            + "<definitions xmlns=\"" + BPMN_NS + "\" targetNamespace=\"x\"><process id=\"p\""
            + " name=\"&lol4;\" isExecutable=\"true\"/></definitions>"))),
        Arguments.of("BPMN XXE", Upload.of("h.bpmn", utf8(XXE + "<definitions xmlns=\"" + BPMN_NS
            + "\" targetNamespace=\"x\"><process id=\"p\" name=\"&xxe;\""
            + " isExecutable=\"true\"/></definitions>"))),
        Arguments.of("BPMN of another root", Upload.of("h.bpmn", utf8("<html><body/></html>"))),
        Arguments.of("BPMN with a NUL", Upload.of("h.bpmn", utf8(process("p_nul", "a\u0000b")))),
        Arguments.of("BPMN without an id", Upload.of("h.bpmn", utf8(process("", "x")))),
        Arguments.of("BPMN with an over-long process id", Upload.of("h.bpmn",
            utf8(process(longId, "x")))),
        Arguments.of("BPMN with a 10 kB process name", Upload.of("h.bpmn",
            utf8(process("p_long_name", "n".repeat(10_000))))),
        Arguments.of("bpmn20.xml not XML", Upload.of("h.bpmn20.xml", utf8("{}"))),
        Arguments.of("DMN not XML", Upload.of("h.dmn", utf8("this is no XML"))),
        Arguments.of("DMN binary", Upload.of("h.dmn", binary())),
        Arguments.of("DMN empty", Upload.of("h.dmn", new byte[0])),
        Arguments.of("DMN billion laughs", Upload.of("h.dmn", utf8(LAUGHS + "<definitions"
            + " xmlns=\"" + DMN_NS + "\" id=\"d\" name=\"&lol4;\" namespace=\"x\"/>"))),
        Arguments.of("DMN XXE", Upload.of("h.dmn", utf8(XXE + "<definitions xmlns=\"" + DMN_NS
            + "\" id=\"d\" name=\"&xxe;\" namespace=\"x\"/>"))),
        Arguments.of("DMN with an over-long decision id", Upload.of("h.dmn",
            utf8(decision("d" + "x".repeat(300))))),
        Arguments.of("DMN that is BPMN", Upload.of("h.dmn", utf8(okProcess))),
        Arguments.of("form not JSON", Upload.of("h.form", utf8("{not json"))),
        Arguments.of("form binary", Upload.of("h.form", binary())),
        Arguments.of("form a JSON array", Upload.of("h.form", utf8("[1, 2, 3]"))),
        Arguments.of("form a JSON string", Upload.of("h.form", utf8("\"form\""))),
        Arguments.of("form with an over-long id", Upload.of("h.form",
            utf8("{\"id\": \"" + "f".repeat(300) + "\", \"components\": []}"))),
        Arguments.of("CMMN not XML", Upload.of("h.cmmn", utf8("this is no XML"))),
        Arguments.of("deployment name with a NUL", Upload.of("h.bpmn", utf8(okProcess),
            "deployment-name", "a\u0000b")),
        Arguments.of("deployment name of 10 kB", Upload.of("h.bpmn", utf8(okProcess),
            "deployment-name", "n".repeat(10_000))),
        Arguments.of("deployment source of 10 kB", Upload.of("h.bpmn", utf8(okProcess),
            "deployment-source", "s".repeat(10_000))),
        Arguments.of("tenant id of 1 kB", Upload.of("h.bpmn", utf8(okProcess),
            "tenant-id", "t".repeat(1_000))),
        Arguments.of("junk deployment-activation-time", Upload.of("h.bpmn", utf8(okProcess),
            "deployment-activation-time", "junk")),
        Arguments.of("deployment-activation-time in year 300000", Upload.of("h.bpmn",
            utf8(okProcess), "deployment-activation-time", "+300000-01-01T00:00:00.000+0000")),
        Arguments.of("resource name with a NUL", Upload.of("h\u0000.bpmn", utf8(okProcess))),
        Arguments.of("resource name of 10 kB", Upload.of("r".repeat(10_000) + ".bpmn",
            utf8(process("p_long_resource", "x")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void isRefusedWithA4xxAndItsMessageAndDeploysNothing(String what, Upload upload) {
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<JsonNode> response = deploy(upload);

    assertThat(response.getStatusCode().value()).as("%s: %s", what, response.getBody())
        .isEqualTo(400);
    assertThat(response.getBody().path("message").asText()).as(what).isNotBlank();
    assertThat(response.getBody().toString()).doesNotContain("\tat ", "at org.");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  ResponseEntity<JsonNode> deploy(Upload upload) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    for (String[] field : upload.fields()) {
      form.add(field[0], field[1]);
    }
    for (Object[] file : upload.files()) {
      form.add("data", new ByteArrayResource((byte[]) file[1]) {
        @Override
        public String getFilename() {
          return (String) file[0];
        }
      });
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    headers.setBasicAuth("admin", "admin-test-password");
    return rest.exchange("/engine-rest/engine/" + engine.getName() + "/deployment/create",
        HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
  }
}
