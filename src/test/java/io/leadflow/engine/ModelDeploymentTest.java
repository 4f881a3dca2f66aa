package io.leadflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.Roles;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Model deployment: LeadFlow's own at start (stable, relative resource names; a restart deploys
 * nothing) and the analysts' through /engine-rest, as Camunda Modeler does it.
 *
 * <p>The Spring context, and so the engine, is shared with the other tests, which expect the
 * models as they are in the project: whatever this class deploys is put back after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelDeploymentTest {

  static final String ANALYST = "analyst.t";
  static final String ANALYST_PASSWORD = "analyst-test-password";
  static final String REP = "east.a";

  static final String SCORING = "decisions/LeadScoring.dmn";
  static final String LIFECYCLE = "processes/LeadLifecycle.bpmn";
  static final String MODELER = "Camunda Modeler";
  static final String PARTNER_RULE = "Rule_PartnerReferral";
  static final String PARTNER_POINTS_20 = """
      <outputEntry id="OutputEntry_PartnerReferral_points">
                <text>20</text>""";

  static final List<String> LEADFLOW_RESOURCES = List.of("processes/ApproveOpportunity.form",
      "processes/ClaimFromPool.form", "processes/Collaboration.form",
      "processes/DevelopOpportunity.form", "processes/LeadFollowUp.form", "processes/Proposal.form",
      "processes/QualifyLead.form", LIFECYCLE, "processes/OpportunityApproval.bpmn",
      "processes/LeadsDigest.bpmn",
      "decisions/LeadRouting.dmn", SCORING, "decisions/LeadApproval.dmn",
      "decisions/LeadCollaboration.dmn");

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired ModelDeployment modelDeployment;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired Roles roles;

  /** The engine /engine-rest found under this context's engine name before the test. */
  ProcessEngine registered;

  /**
   * /engine-rest finds its engine by name in Camunda's static registry (ProcessEngines), not in
   * this Spring context. When another test context with an engine of the same name started in
   * this JVM later (ConcurrentAssignmentPostgresTest's), the registry points at that engine, and
   * /engine-rest in this context would authenticate against the wrong database. Point it at this
   * context's engine for the test; put back whatever was there afterwards.
   */
  @BeforeEach
  void engineRestUsesThisContextsEngine() {
    registered = ProcessEngines.getProcessEngine(engine.getName());
    ProcessEngines.registerProcessEngine(engine);
  }

  @BeforeEach
  void analystAndTeam() {
    directory.ensureGroup(Caller.ANALYSTS, "业务分析师 / Analysts", "WORKFLOW");
    directory.ensureUser(ANALYST, "Analyst", "Test", "analyst.t@test.example", ANALYST_PASSWORD);
    directory.ensureMember(ANALYST, Caller.ANALYSTS);
    roles.grantAnalyst(Caller.ANALYSTS);
    Teams.exactly(directory, identity, "east-china", "east.a", "east.b", "east.c");
  }

  /**
   * Whatever a test deployed, the latest LeadScoring is the project's file again afterwards, and
   * a partner referral scores 20 as the other test classes expect.
   */
  @AfterEach
  void restoreTheProjectsScoring() {
    try {
      byte[] original = classpath("/" + SCORING);
      if (Arrays.equals(latestResource(latestScoring()), original)) {
        return;
      }
      ResponseEntity<JsonNode> restored = deploy(ANALYST, ANALYST_PASSWORD, SCORING, original);
      assertThat(restored.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(latestResource(latestScoring())).isEqualTo(original);
      assertThat(partnerReferralPoints(createPartnerLead())).isEqualTo(20);
    } finally {
      if (registered != null && registered != engine) {
        ProcessEngines.registerProcessEngine(registered);
      }
    }
  }

  // --- a) LeadFlow's own deployment ------------------------------------------------------------

  @Test
  void aRestartDeploysNothingNewAndKeepsEveryDefinitionVersion() {
    long deployments = repository.createDeploymentQuery().count();
    Map<String, Long> versions = definitionVersions();
    assertThat(versions).allSatisfy((key, count) -> assertThat(count).isPositive());

    modelDeployment.postProcessEngineBuild(engine);
    modelDeployment.postProcessEngineBuild(engine);

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(definitionVersions()).isEqualTo(versions);
  }

  @Test
  void leadFlowNamesEveryModelByItsRelativePathInTheProject() {
    List<Deployment> ours = repository.createDeploymentQuery()
        .deploymentName(ModelDeployment.DEPLOYMENT_NAME).deploymentSource("LeadFlow").list();
    assertThat(ours).isNotEmpty();
    List<String> names = ours.stream()
        .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream())
        .distinct().toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(LEADFLOW_RESOURCES);
    assertThat(names).allSatisfy(name -> assertThat(name)
        .matches("(processes|decisions)/[A-Za-z]+\\.(bpmn|form|dmn)"));

    List<String> deploymentIds = ours.stream().map(Deployment::getId).toList();
    ProcessDefinition lifecycle = repository.createProcessDefinitionQuery()
        .processDefinitionKey("LeadLifecycle").orderByProcessDefinitionVersion().asc().list()
        .get(0);
    assertThat(lifecycle.getResourceName()).isEqualTo(LIFECYCLE);
    assertThat(deploymentIds).contains(lifecycle.getDeploymentId());
    for (String key : List.of("LeadScoring", "LeadRouting", "LeadApproval", "LeadCollaboration")) {
      DecisionDefinition first = repository.createDecisionDefinitionQuery()
          .decisionDefinitionKey(key).orderByDecisionDefinitionVersion().asc().list().get(0);
      assertThat(first.getResourceName()).isEqualTo("decisions/" + key + ".dmn");
      assertThat(deploymentIds).contains(first.getDeploymentId());
    }
  }

  // --- b) analysts deploy from Camunda Modeler -------------------------------------------------

  @Test
  void anAnalystDeploysAChangedScoringTableThroughEngineRestAndNewLeadsUseIt() {
    byte[] original = classpath("/" + SCORING);
    String xml = new String(original, StandardCharsets.UTF_8);
    assertThat(xml).containsOnlyOnce(PARTNER_POINTS_20);
    byte[] changed = xml.replace(PARTNER_POINTS_20, PARTNER_POINTS_20.replace(
        "<text>20</text>", "<text>25</text>")).getBytes(StandardCharsets.UTF_8);
    int before = latestScoring().getVersion();
    assertThat(partnerReferralPoints(createPartnerLead())).isEqualTo(20);

    ResponseEntity<JsonNode> response = deploy(ANALYST, ANALYST_PASSWORD, SCORING, changed);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode deployed = response.getBody().get("deployedDecisionDefinitions");
    assertThat(deployed).hasSize(1);
    JsonNode definition = deployed.elements().next();
    assertThat(definition.get("key").asText()).isEqualTo("LeadScoring");
    assertThat(definition.get("version").asInt()).isEqualTo(before + 1);
    assertThat(definition.get("resource").asText()).isEqualTo(SCORING);
    DecisionDefinition latest = latestScoring();
    assertThat(latest.getVersion()).isEqualTo(before + 1);
    assertThat(latest.getResourceName()).isEqualTo(SCORING);
    Deployment deployment = repository.createDeploymentQuery()
        .deploymentId(latest.getDeploymentId()).singleResult();
    assertThat(deployment.getSource()).isEqualTo(MODELER);
    assertThat(repository.getDeploymentResourceNames(deployment.getId())).containsExactly(SCORING);

    JsonNode lead = createPartnerLead();
    assertThat(partnerReferralPoints(lead)).isEqualTo(25);
    assertThat(lead.get("score").asInt()).isEqualTo(25);

    // Deploying the same file again from Modeler (deploy changed only) makes no new version.
    assertThat(deploy(ANALYST, ANALYST_PASSWORD, SCORING, changed).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(latestScoring().getVersion()).isEqualTo(before + 1);

    // Nor does a restart: LeadFlow compares with its own last deployment, which is unchanged,
    // so the analyst's version stays the latest.
    long deployments = repository.createDeploymentQuery().count();
    modelDeployment.postProcessEngineBuild(engine);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latestScoring().getVersion()).isEqualTo(before + 1);
    assertThat(partnerReferralPoints(createPartnerLead())).isEqualTo(25);
    // @AfterEach deploys the original again and checks a partner referral scores 20.
  }

  // --- c) a model that does not parse ----------------------------------------------------------

  /*
   * What Camunda's REST API answers:
   * - XML that is not well-formed (truncated, not XML at all) fails in the SAX parser before any
   *   BPMN checks. The engine throws a plain ProcessEngineException (ENGINE-09003), which
   *   Camunda would map to 500; LeadFlow answers 400 (system.EngineRestErrors), with the message
   *   naming the resource and the XML error. HostileDeploymentsTest has every other case.
   * - Well-formed XML that is not a valid model throws a ParseException (ENGINE-09005): 400, with
   *   every error, its line and its element in "details".
   * Either way nothing is deployed and the latest version stays the one in use.
   */

  @Test
  void aTruncatedModelIsRefusedWithAMessageNamingTheResourceAndTheXmlErrorAndDeploysNothing() {
    String bpmn = new String(classpath("/" + LIFECYCLE), StandardCharsets.UTF_8);
    byte[] truncated = bpmn.substring(0, bpmn.length() / 2).getBytes(StandardCharsets.UTF_8);
    ProcessDefinition before = latestLifecycle();
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<JsonNode> response = deploy(ANALYST, ANALYST_PASSWORD, LIFECYCLE, truncated);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("type").asText()).isEqualTo("ProcessEngineException");
    assertThat(response.getBody().get("message").asText())
        .contains("Could not parse '" + LIFECYCLE + "'")
        .contains("XML document structures must start and end within the same entity");
    assertThat(latestLifecycle().getId()).isEqualTo(before.getId());
    assertThat(latestLifecycle().getVersion()).isEqualTo(before.getVersion());
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void anInvalidModelIsRefusedWithA400ListingEachErrorWithItsLineAndDeploysNothing() {
    String bpmn = new String(classpath("/" + LIFECYCLE), StandardCharsets.UTF_8);
    String flow = "<bpmn:sequenceFlow id=\"Flow_ToScoreLead\" sourceRef=\"StartEvent_LeadReceived\""
        + " targetRef=\"Task_ScoreLead\" />";
    assertThat(bpmn).containsOnlyOnce(flow);
    byte[] dangling = bpmn.replace(flow, flow.replace("Task_ScoreLead", "Task_Missing"))
        .getBytes(StandardCharsets.UTF_8);
    ProcessDefinition before = latestLifecycle();
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<JsonNode> response = deploy(ANALYST, ANALYST_PASSWORD, LIFECYCLE, dangling);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode body = response.getBody();
    assertThat(body.get("type").asText()).isEqualTo("ParseException");
    assertThat(body.get("message").asText()).contains("Could not parse BPMN process")
        .contains("Invalid destination 'Task_Missing' of sequence flow 'Flow_ToScoreLead'")
        .contains("resource " + LIFECYCLE);
    List<JsonNode> errors = StreamSupport.stream(
        body.get("details").get(LIFECYCLE).get("errors").spliterator(), false).toList();
    assertThat(errors).anySatisfy(error -> {
      assertThat(error.get("mainElementId").asText()).isEqualTo("Flow_ToScoreLead");
      assertThat(error.get("message").asText()).contains("Task_Missing");
      assertThat(error.get("line").asInt()).isEqualTo(lineOf(bpmn, flow));
    });
    assertThat(latestLifecycle().getId()).isEqualTo(before.getId());
    assertThat(latestLifecycle().getVersion()).isEqualTo(before.getVersion());
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  static int lineOf(String text, String part) {
    String upTo = text.substring(0, text.indexOf(part));
    return (int) upTo.chars().filter(c -> c == '\n').count() + 1;
  }

  // --- d) who may deploy -----------------------------------------------------------------------

  @Test
  void aRepMayNotDeployAndAnonymousCallersMustAuthenticate() {
    byte[] original = classpath("/" + SCORING);
    int before = latestScoring().getVersion();
    long deployments = repository.createDeploymentQuery().count();

    ResponseEntity<JsonNode> rep = deploy(REP, Teams.PASSWORD, SCORING, original);
    assertThat(rep.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rep.getBody().get("type").asText()).isEqualTo("AuthorizationException");
    assertThat(rep.getBody().get("message").asText()).contains(REP).contains("CREATE");

    ResponseEntity<JsonNode> anonymous = deploy(null, null, SCORING, original);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

    // An unknown user (not a wrong password for analyst.t: Camunda would lock them for a while).
    ResponseEntity<JsonNode> unknown = deploy("nobody.t", "whatever", SCORING, original);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latestScoring().getVersion()).isEqualTo(before);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** POST /engine-rest/deployment/create as Camunda Modeler sends it. */
  ResponseEntity<JsonNode> deploy(String user, String password, String resourceName,
      byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", ModelDeployment.DEPLOYMENT_NAME);
    form.add("deploy-changed-only", "true");
    form.add("deployment-source", MODELER);
    form.add("data", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return resourceName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    return rest.exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(form, headers), JsonNode.class);
  }

  Map<String, Long> definitionVersions() {
    return Stream.of("LeadLifecycle", "LeadScoring", "LeadRouting").collect(Collectors.toMap(
        Function.identity(), key -> key.equals("LeadLifecycle")
            ? repository.createProcessDefinitionQuery().processDefinitionKey(key).count()
            : repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count()));
  }

  DecisionDefinition latestScoring() {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey("LeadScoring")
        .latestVersion().singleResult();
  }

  ProcessDefinition latestLifecycle() {
    return repository.createProcessDefinitionQuery().processDefinitionKey("LeadLifecycle")
        .latestVersion().singleResult();
  }

  byte[] latestResource(DecisionDefinition definition) {
    try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(),
        definition.getResourceName())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] classpath(String path) {
    try (InputStream in = ModelDeploymentTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode createPartnerLead() {
    ApiClient api = ApiClient.as(rest, REP, Teams.PASSWORD);
    ResponseEntity<JsonNode> created = api.post("/api/leads",
        ApiClient.lead("PARTNER_REFERRAL", "江苏省苏州市"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> details = api.get("/api/leads/" + created.getBody().get("id").asText());
    assertThat(details.getStatusCode()).isEqualTo(HttpStatus.OK);
    return details.getBody();
  }

  static int partnerReferralPoints(JsonNode lead) {
    List<JsonNode> lines = StreamSupport.stream(lead.get("scoreBreakdown").spliterator(), false)
        .filter(line -> PARTNER_RULE.equals(line.get("ruleId").asText())).toList();
    assertThat(lines).as("score breakdown %s", lead.get("scoreBreakdown")).hasSize(1);
    return lines.get(0).get("points").asInt();
  }
}
