package io.leadflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.engine.ModelDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Camunda Forms (processes/*.form, deployed by {@link ModelDeployment}) as form-js reads them,
 * and their contract with LeadLifecycle.bpmn: the form ids its camunda:formRef names and the
 * process variables each form shows and writes.
 */
class FormsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String LOST_REASON = "lostReason";
  static final List<String> LOST_REASONS =
      List.of("NO_NEED", "NO_BUDGET", "COMPETITOR", "NO_RESPONSE", "BAD_DATA", "TIMING", "OTHER");

  /** form-js components that show something but hold no value (no key). */
  static final Set<String> NOT_INPUTS =
      Set.of("text", "html", "spacer", "separator", "image", "button", "iframe", "group");
  static final Set<String> CHOICES = Set.of("select", "radio", "checklist", "taglist");

  /**
   * What the process relies on, per form id.
   *
   * @param shows read-only facts (disabled, so never written back)
   * @param writes what the user enters: the variables the form completes the task with
   * @param required what must be entered (when the field is shown at all)
   * @param choices the values of each choice the process branches on
   */
  record Contract(List<String> shows, List<String> writes, List<String> required,
      Map<String, List<String>> choices) {}

  static final Map<String, Contract> CONTRACTS = new LinkedHashMap<>();

  static {
    CONTRACTS.put("ClaimFromPoolForm", new Contract(
        List.of("leadName", "company", "region", "industry", "product", "score",
            "poolReasonLabel", "scoreSummary", "routingReason"),
        List.of(), List.of(), Map.of()));
    CONTRACTS.put("LeadFollowUpForm", new Contract(
        List.of("leadName", "company", "phoneLabel", "email", "region", "industry", "product",
            "score", "teamLabel", "slaDueLabel", "scoreSummary", "routingReason"),
        List.of("contactChannel", "outcome", LOST_REASON, "notes"),
        List.of("contactChannel", "outcome", LOST_REASON),
        Map.of("contactChannel", List.of("CALL", "VISIT", "WECHAT", "EMAIL"),
            "outcome", List.of("contacted", "qualified", "disqualified"),
            LOST_REASON, LOST_REASONS)));
    CONTRACTS.put("QualifyLeadForm", new Contract(
        List.of("leadName", "company", "phoneLabel", "email", "region", "industry", "product",
            "score", "firstContactLabel", "needsAttention", "scoreSummary"),
        List.of("outcome", LOST_REASON, "notes"),
        List.of("outcome", LOST_REASON),
        Map.of("outcome", List.of("qualified", "disqualified"), LOST_REASON, LOST_REASONS)));
    CONTRACTS.put("DevelopOpportunityForm", new Contract(
        List.of("leadName", "company", "industry", "product", "score", "approvalSummary"),
        List.of("estimatedAmount", "outcome", LOST_REASON, "notes"),
        List.of("estimatedAmount", "outcome", LOST_REASON),
        Map.of("outcome", List.of("propose", "lost"), LOST_REASON, LOST_REASONS)));
    CONTRACTS.put("ProposalForm", new Contract(
        List.of("leadName", "company", "industry", "product", "score", "estimatedAmount",
            "approvalSummary"),
        List.of("outcome", "wonAmount", LOST_REASON, "notes"),
        List.of("outcome", "wonAmount", LOST_REASON),
        Map.of("outcome", List.of("won", "lost"), LOST_REASON, LOST_REASONS)));
    CONTRACTS.put("ApproveOpportunityForm", new Contract(
        List.of("leadName", "company", "ownerLabel", "teamLabel", "estimatedAmount",
            "approvalModeLabel", "approvalReason"),
        List.of("approvalDecision", "approvalComment"),
        List.of("approvalDecision"),
        Map.of("approvalDecision", List.of("approved", "rejected"))));
    CONTRACTS.put("CollaborationForm", new Contract(
        List.of("leadName", "company", "ownerLabel", "tag", "collaborationTask"),
        List.of("collaborationResult", "collaborationLink"),
        List.of("collaborationResult"),
        Map.of()));
  }

  /** By file name (LeadFollowUp.form). */
  static Map<String, JsonNode> forms;

  @BeforeAll
  static void readTheFormsModelDeploymentDeploys() throws IOException {
    String pattern = Arrays.stream(ModelDeployment.PATTERNS).filter(p -> p.endsWith(".form"))
        .findFirst().orElseThrow();
    forms = new LinkedHashMap<>();
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
      try (InputStream in = resource.getInputStream()) {
        forms.put(resource.getFilename(), JSON.readTree(in));
      }
    }
    assertThat(forms).as(pattern).isNotEmpty();
  }

  @Test
  void everyFormIsACamunda7FormWithItsOwnIdAndTheSameSchemaAsTheOthers() {
    JsonNode reference = forms.get("LeadFollowUp.form");
    assertThat(reference).isNotNull();
    Set<String> ids = new HashSet<>();
    forms.forEach((file, form) -> {
      assertThat(form.path("id").asText()).as(file).matches("[A-Z][A-Za-z]+Form");
      assertThat(ids.add(form.path("id").asText())).as("form id of %s is unique", file).isTrue();
      assertThat(form.path("type").asText()).as(file).isEqualTo("default");
      for (String field : List.of("schemaVersion", "executionPlatform",
          "executionPlatformVersion", "exporter")) {
        assertThat(form.get(field)).as(file + " " + field).isEqualTo(reference.get(field));
      }
      assertThat(form.path("components").isArray()).as(file).isTrue();
    });
  }

  @Test
  void theFormIdsTheProcessNamesExist() throws IOException {
    Set<String> ids = forms.values().stream().map(f -> f.path("id").asText())
        .collect(Collectors.toSet());
    assertThat(ids).containsAll(CONTRACTS.keySet());

    Pattern formRef = Pattern.compile("camunda:formRef=\"([^\"$#{}]+)\"");
    List<String> referenced = new ArrayList<>();
    for (Resource bpmn : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:processes/*.bpmn")) {
      Matcher m = formRef.matcher(read(bpmn));
      while (m.find()) {
        referenced.add(m.group(1));
      }
    }
    assertThat(referenced).isNotEmpty();
    assertThat(ids).containsAll(referenced);
  }

  @Test
  void componentIdsAreUniqueAndAKeyedFieldIsNamedAfterItsKey() {
    forms.forEach((file, form) -> {
      Set<String> ids = new HashSet<>();
      for (JsonNode component : components(form)) {
        String id = component.path("id").asText();
        assertThat(id).as("%s: a component without id: %s", file, component).isNotBlank();
        assertThat(ids.add(id)).as("%s: component id %s is unique", file, id).isTrue();
        if (component.hasNonNull("key")) {
          assertThat(id).as(file).isEqualTo("Field_" + component.get("key").asText());
        }
      }
    });
  }

  @Test
  void everyInputHasAKeyOnceAndABilingualLabelAndReadOnlyFactsAreNotWrittenBack() {
    forms.forEach((file, form) -> {
      Set<String> keys = new HashSet<>();
      for (JsonNode input : inputs(form)) {
        String id = input.path("id").asText();
        String key = input.path("key").asText();
        assertThat(key).as("%s: %s has a key", file, id).matches("[a-z][A-Za-z0-9]*");
        assertThat(keys.add(key)).as("%s: key %s is used once", file, key).isTrue();
        assertThat(input.path("label").asText()).as("%s: %s label", file, id)
            .matches(".*\\p{IsHan}.* / .*[A-Za-z].*");
        if (input.path("readonly").asBoolean()) {
          // form-js submits read-only fields unless they are disabled too
          assertThat(input.path("disabled").asBoolean()).as("%s: %s disabled", file, id).isTrue();
          assertThat(input.has("validate")).as("%s: %s validate", file, id).isFalse();
        }
      }
    });
  }

  @Test
  void everyChoiceHasValuesEachWithALabelAndADistinctValue() {
    forms.forEach((file, form) -> {
      for (JsonNode choice : inputs(form)) {
        if (!CHOICES.contains(choice.path("type").asText())) {
          continue;
        }
        String id = choice.path("id").asText();
        JsonNode values = choice.path("values");
        assertThat(values.isArray() && !values.isEmpty()).as("%s: %s values", file, id).isTrue();
        Set<String> seen = new HashSet<>();
        for (JsonNode value : values) {
          assertThat(value.path("value").asText()).as("%s: %s value", file, id).isNotBlank();
          assertThat(value.path("label").asText()).as("%s: %s label", file, id)
              .matches(".*\\p{IsHan}.* / .*[A-Za-z].*");
          assertThat(seen.add(value.path("value").asText()))
              .as("%s: %s value %s is distinct", file, id, value.path("value")).isTrue();
        }
      }
    });
  }

  /**
   * A condition like {@code =outcome != "lost"} names a choice of the same form and one of its
   * values (a typo would hide the field for good). form-js neither validates nor submits a hidden
   * field, so a required field hidden by a condition is required only while it is shown.
   */
  @Test
  void conditionsNameAChoiceOfTheFormAndOneOfItsValues() {
    Pattern comparison = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\s*!?=\\s*\"([^\"]*)\"");
    int conditions = 0;
    for (Map.Entry<String, JsonNode> entry : forms.entrySet()) {
      String file = entry.getKey();
      Map<String, Set<String>> choices = new LinkedHashMap<>();
      for (JsonNode input : inputs(entry.getValue())) {
        if (CHOICES.contains(input.path("type").asText())) {
          Set<String> values = new HashSet<>();
          input.path("values").forEach(v -> values.add(v.path("value").asText()));
          choices.put(input.path("key").asText(), values);
        }
      }
      for (JsonNode component : components(entry.getValue())) {
        JsonNode hide = component.path("conditional").path("hide");
        if (hide.isMissingNode()) {
          continue;
        }
        conditions++;
        String expression = hide.asText();
        assertThat(expression).as("%s: %s", file, component.path("id")).startsWith("=");
        Matcher m = comparison.matcher(expression);
        assertThat(m.find()).as("%s: %s compares a choice", file, expression).isTrue();
        do {
          assertThat(choices).as("%s: %s", file, expression).containsKey(m.group(1));
          assertThat(choices.get(m.group(1))).as("%s: %s", file, expression)
              .contains(m.group(2));
        } while (m.find());
      }
    }
    assertThat(conditions).isPositive();
  }

  @Test
  void eachFormShowsAndWritesTheVariablesTheProcessUses() {
    Map<String, JsonNode> byId = forms.values().stream()
        .collect(Collectors.toMap(f -> f.path("id").asText(), f -> f));
    CONTRACTS.forEach((formId, contract) -> {
      List<JsonNode> inputs = inputs(byId.get(formId));
      List<String> shows = inputs.stream().filter(i -> i.path("disabled").asBoolean())
          .map(i -> i.path("key").asText()).toList();
      List<String> writes = inputs.stream().filter(i -> !i.path("disabled").asBoolean())
          .map(i -> i.path("key").asText()).toList();
      List<String> required = inputs.stream()
          .filter(i -> i.path("validate").path("required").asBoolean())
          .map(i -> i.path("key").asText()).toList();
      assertThat(shows).as(formId + " shows").containsExactlyElementsOf(contract.shows());
      assertThat(writes).as(formId + " writes").containsExactlyElementsOf(contract.writes());
      assertThat(required).as(formId + " requires").containsExactlyElementsOf(contract.required());
      contract.choices().forEach((key, values) -> {
        JsonNode choice = inputs.stream().filter(i -> key.equals(i.path("key").asText()))
            .findFirst().orElseThrow();
        List<String> actual = new ArrayList<>();
        choice.path("values").forEach(v -> actual.add(v.path("value").asText()));
        assertThat(actual).as(formId + " " + key).containsExactlyElementsOf(values);
      });
      // What only applies to one choice is hidden (and so neither required nor sent) otherwise.
      inputs.stream().filter(i -> List.of(LOST_REASON, "wonAmount").contains(i.path("key").asText()))
          .forEach(i -> assertThat(i.path("conditional").path("hide").asText())
              .as(formId + " " + i.path("key")).startsWith("=outcome != \""));
      // Amounts are never negative.
      inputs.stream().filter(i -> "number".equals(i.path("type").asText())
              && !i.path("disabled").asBoolean())
          .forEach(i -> assertThat(i.path("validate").path("min").asInt(-1))
              .as(formId + " " + i.path("key") + " min").isZero());
    });
  }

  /** Every component, those in groups included, in order. */
  static List<JsonNode> components(JsonNode container) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }

  /** The components that hold a value. */
  static List<JsonNode> inputs(JsonNode form) {
    return components(form).stream()
        .filter(c -> !NOT_INPUTS.contains(c.path("type").asText())).toList();
  }

  static String read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
