package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The package layout as a rule (docs/architecture.md): each package under io.leadflow is a module
 * that uses only the modules its package-info.java allows, and no module reaches back into one
 * that uses it.
 */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(LeadFlowApplication.class);

  @Test
  void everyModuleUsesOnlyWhatItDeclaresAndThereIsNoCycle() {
    MODULES.verify();
  }

  /**
   * A package without its own declaration would be open to every other one: a new feature says
   * what it builds on, and the shared modules build on nothing.
   */
  @Test
  void everyModuleDeclaresWhatItMayUse() throws ClassNotFoundException {
    List<String> names = MODULES.stream().map(m -> m.getBasePackage().getName()).toList();
    assertThat(names).contains("io.leadflow.lead", "io.leadflow.intake", "io.leadflow.system");
    for (String name : names) {
      ApplicationModule declared = Class.forName(name + ".package-info")
          .getAnnotation(ApplicationModule.class);
      assertThat(declared).as(name + "/package-info.java declares @ApplicationModule").isNotNull();
      assertThat(declared.allowedDependencies()).as(name + " says which modules it may use")
          .doesNotContain(ApplicationModule.OPEN_TOKEN);
    }
    for (String shared : List.of("system", "models", "engine")) {
      assertThat(Class.forName("io.leadflow." + shared + ".package-info")
          .getAnnotation(ApplicationModule.class).allowedDependencies()).as(shared).isEmpty();
    }
  }

  /** The module diagrams of docs/architecture.md, written to target/spring-modulith-docs. */
  @Test
  void writesTheModuleDiagrams() {
    new Documenter(MODULES).writeModulesAsPlantUml();
  }
}
