package io.leadflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunction;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.feel.FeelEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The engine runs with the FEEL parse cache and the lean entity manager, and both behave. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineTuningTest {

  @Autowired ProcessEngine engine;

  ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void aParsedExpressionIsReusedAndOneThatDoesNotParseFailsEveryTime() {
    EngineTuning.ParsedOnceFeelEngine feel = new EngineTuning.ParsedOnceFeelEngine(
        FeelEngine.defaultFunctionProvider(), FeelEngine.defaultValueMapper());

    assertThat(feel.parseUnaryTests("[10..20]").right().get())
        .isSameAs(feel.parseUnaryTests("[10..20]").right().get());
    assertThat(feel.parseExpression("score + 1").right().get())
        .isSameAs(feel.parseExpression("score + 1").right().get());
    assertThat(feel.evalExpression("score + 1", Map.<String, Object>of("score", 41)).right().get())
        .hasToString("42");
    assertThat(feel.evalExpression("score + 1", Map.<String, Object>of("score", 1)).right().get())
        .hasToString("2");

    assertThat(feel.parseExpression("score +").isLeft()).isTrue();
    assertThat(feel.parseExpression("score +").isLeft()).isTrue();
  }

  @Test
  void customFeelFunctionsOfTheDmnConfigurationStillWork() {
    var dmn = (org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration)
        org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelCustomFunctionProviders(List.of(new FeelCustomFunctionProvider() {
      @Override
      public Optional<CustomFunction> resolveFunction(String name) {
        return "twice".equals(name) ? Optional.of(CustomFunction.create().setParams("x")
            .setFunction(args -> ((Number) args.get(0)).longValue() * 2).build()) : Optional.empty();
      }

      @Override
      public Collection<String> getFunctionNames() {
        return List.of("twice");
      }
    }));
    var feel = new EngineTuning.ParsedOnceFeelEngineFactory(dmn).createInstance();
    Object twice = feel.evaluateSimpleExpression("twice(21)",
        org.camunda.bpm.engine.variable.Variables.emptyVariableContext());
    assertThat(twice).hasToString("42");
  }

  @Test
  void theEnginesDecisionsUseTheParseCacheAndStillDecide() {
    assertThat(configuration().getDmnEngineConfiguration().getFeelEngineFactory())
        .isInstanceOf(EngineTuning.ParsedOnceFeelEngineFactory.class);

    for (int i = 0; i < 2; i++) { // the second evaluation runs on parsed expressions
      DmnDecisionTableResult result = engine.getDecisionService()
          .evaluateDecisionTableByKey("LeadCollaboration", Map.of("tag", "需要技术方案"));
      assertThat(result.getSingleResult().getEntryMap())
          .containsEntry("collaborationTeam", "presales");
    }
  }

  @Test
  void theLeanEntityManagerStillGivesIdsAndStillRefusesTheReservedOne() {
    assertThat(configuration().getSessionFactories().get(DbEntityManager.class))
        .isInstanceOf(EngineTuning.LeanEntityManagerFactory.class);

    String generated = configuration().getCommandExecutorTxRequired().execute(context -> {
      ByteArrayEntity row = new ByteArrayEntity("lean-entity-manager-test", new byte[] {1}, ResourceTypes.RUNTIME);
      context.getDbEntityManager().insert(row);
      context.getDbEntityManager().delete(row); // nothing is left behind
      return row.getId();
    });
    assertThat(generated).isNotBlank();

    assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(context -> {
      ByteArrayEntity row = new ByteArrayEntity("lean-entity-manager-test", new byte[] {1}, ResourceTypes.RUNTIME);
      row.setId("*");
      context.getDbEntityManager().insert(row);
      return null;
    })).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("cannot be *")
        .hasMessageContaining("lean-entity-manager-test");
  }
}
