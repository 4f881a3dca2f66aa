package io.leadflow.engine;

import camundajar.impl.scala.util.Either;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * Two changes to how the engine spends CPU on every lead, found by profiling the intake benchmark
 * (README, "Benchmark"); neither changes what the engine does or stores.
 *
 * <ul>
 *   <li><b>FEEL expressions are parsed once.</b> Camunda's FEEL integration parses each input
 *       expression and input entry of a decision table on every evaluation (7 % of an intake's CPU).
 *       A deployed table never changes, so a parsed expression is kept and reused, keyed by its
 *       text; a redeployed table with new texts simply adds entries (the cache forgets everything
 *       past {@link #MAX_CACHED_EXPRESSIONS}). Expressions that do not parse are not kept, so
 *       their error is raised as before.
 *   <li><b>No error message is built for a row that has none.</b> Before every insert the engine
 *       checks the row's id with a message that renders the whole entity with {@code toString()}
 *       (6 % of an intake's CPU). The same check is made here without building the message, and
 *       the engine's own check (with its message) runs when the id is in fact missing or {@code *}.
 * </ul>
 *
 * Both hook into engine internals (the DMN engine's FEEL factory, the entity manager's session
 * factory) that are public extension points of Camunda 7 but not its documented API: check them
 * when upgrading Camunda.
 */
@Component
class EngineTuning extends AbstractProcessEnginePlugin {

  static final int MAX_CACHED_EXPRESSIONS = 10_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = dmnConfiguration(configuration);
    dmn.setFeelEngineFactory(new ParsedOnceFeelEngineFactory(dmn));

    List<SessionFactory> sessionFactories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    sessionFactories.add(new LeanEntityManagerFactory());
    configuration.setCustomSessionFactories(sessionFactories);
  }

  /**
   * The engine's DMN configuration, created (and given to the engine) if no plugin has yet: the
   * plugins that change it (this one, DecisionAudit) then all change the same one, in any order.
   */
  static DefaultDmnEngineConfiguration dmnConfiguration(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDmnEngineConfiguration() == null) {
      configuration.setDmnEngineConfiguration((DefaultDmnEngineConfiguration)
          DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
    }
    return configuration.getDmnEngineConfiguration();
  }

  /**
   * Camunda's FEEL engine with a cache of parsed expressions, and the custom FEEL functions the
   * DMN configuration has when the engine is built (dmnFeelCustomFunctionProviders). Not for the
   * legacy JUEL-based FEEL (dmnFeelEnableLegacyBehavior), which LeadFlow does not use.
   */
  static class ParsedOnceFeelEngineFactory implements FeelEngineFactory {
    private final DefaultDmnEngineConfiguration dmn;

    /** @param dmn where the custom functions are read from, or null for none */
    ParsedOnceFeelEngineFactory(DefaultDmnEngineConfiguration dmn) {
      this.dmn = dmn;
    }

    @Override
    public org.camunda.bpm.dmn.feel.impl.FeelEngine createInstance() {
      List<FeelCustomFunctionProvider> functions =
          dmn == null || dmn.getFeelCustomFunctionProviders() == null
              ? List.of() : dmn.getFeelCustomFunctionProviders();
      return new ScalaFeelEngine(functions) {
        @Override
        protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
            ValueMapper.CompositeValueMapper values) {
          return new ParsedOnceFeelEngine(functions, values);
        }
      };
    }
  }

  /** What ScalaFeelEngine builds (external functions off), remembering what it parsed. */
  static class ParsedOnceFeelEngine extends FeelEngine {
    private final BoundedCache<String, Either<Failure, ParsedExpression>> expressions =
        new BoundedCache<>(MAX_CACHED_EXPRESSIONS);
    private final BoundedCache<String, Either<Failure, ParsedExpression>> unaryTests =
        new BoundedCache<>(MAX_CACHED_EXPRESSIONS);

    ParsedOnceFeelEngine(FunctionProvider functions, ValueMapper values) {
      super(functions, values, new FeelEngine.Configuration(false), FeelEngine.defaultClock());
    }

    @Override
    public Either<Failure, ParsedExpression> parseExpression(String expression) {
      return expressions.get(expression, super::parseExpression, Either::isRight);
    }

    @Override
    public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
      return unaryTests.get(expression, super::parseUnaryTests, Either::isRight);
    }
  }

  /** The engine's entity manager, with the id check before an insert made without a message. */
  static class LeanEntityManagerFactory extends DbEntityManagerFactory {
    LeanEntityManagerFactory() {
      super(null); // the engine's id generator is only known once it is built
    }

    @Override
    public DbEntityManager openSession() {
      PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
      return new DbEntityManager(Context.getProcessEngineConfiguration().getIdGenerator(),
          persistence) {
        @Override
        protected void validateId(DbEntity entity) {
          String id = entity.getId();
          if (id == null || "*".equals(id)) {
            super.validateId(entity); // throws, naming the entity
          }
        }
      };
    }
  }
}
