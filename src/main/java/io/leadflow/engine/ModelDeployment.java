package io.leadflow.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the analysts' models (processes/*.bpmn, processes/*.form, decisions/*.dmn) when the engine
 * starts, before its job executor runs.
 *
 * <p>We do this instead of the starter's auto-deployment because that names resources by absolute
 * file path, so the same model run from the IDE, the jar or another folder counts as new and is
 * redeployed. Here each resource is named by its path in the project (processes/LeadLifecycle.bpmn)
 * and only changed resources get a new version (duplicate filtering, changed-only), so a restart
 * deploys nothing and running instances stay on their version. Forms are included: the starter's
 * default pattern misses them.
 */
@Component
public class ModelDeployment extends AbstractProcessEnginePlugin {

  static final String DEPLOYMENT_NAME = "leadflow-models";
  /** Where the models are on the classpath. */
  public static final String[] PATTERNS = {
      "classpath*:processes/*.bpmn", "classpath*:processes/*.form", "classpath*:decisions/*.dmn"};

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

  private final PathMatchingResourcePatternResolver resolver =
      new PathMatchingResourcePatternResolver();

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("LeadFlow")
        .enableDuplicateFiltering(true);
    int count = 0;
    for (String pattern : PATTERNS) {
      for (Resource resource : resources(pattern)) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/'));
        String name = folder + "/" + resource.getFilename();
        try (InputStream in = resource.getInputStream()) {
          // bytes as they are: addString would re-encode in the platform charset
          builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read model " + name, e);
        }
        count++;
      }
    }
    if (count == 0) {
      log.warn("No models found under processes/ or decisions/ on the classpath");
      return;
    }
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    log.info("Models checked: {} resources; deployment {} with {} new process and {} new decision"
        + " definitions", count, deployment.getId(), size(deployment.getDeployedProcessDefinitions()),
        size(deployment.getDeployedDecisionDefinitions()));
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private Resource[] resources(String pattern) {
    try {
      Resource[] found = resolver.getResources(pattern);
      Arrays.sort(found, Comparator.comparing(Resource::getFilename));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + pattern, e);
    }
  }
}
