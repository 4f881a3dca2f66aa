package io.leadflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The indexes the engine's schema lacks are there after start-up (and a second start is harmless). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineIndexesTest {

  @Autowired DataSource dataSource;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @Test
  void theTaskAndJobTablesHaveLeadFlowsIndexesAfterEveryStart() throws Exception {
    assertThat(indexes("ACT_RU_TASK")).contains("ACT_IDX_LF_TASK_PARENT");
    assertThat(indexes("ACT_RU_JOB")).contains("ACT_IDX_LF_JOB_DUEDATE");
    new EngineIndexes().postProcessEngineBuild(engine); // as at the next start: no error
    assertThat(indexes("ACT_RU_TASK")).contains("ACT_IDX_LF_TASK_PARENT");
    assertThat(indexes("ACT_RU_JOB")).contains("ACT_IDX_LF_JOB_DUEDATE");
  }

  @Test
  void everyJobHasADueDateAndOneFromBeforeThatSettingGetsOneAtStart() throws Exception {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    // A job as an older LeadFlow left it: no due date (suspended, so nothing would run it).
    String jobId = configuration.getCommandExecutorTxRequired().execute(context -> {
      MessageEntity job = new MessageEntity();
      job.setJobHandlerType("leadflow-test-none");
      job.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
      context.getJobManager().insertJob(job);
      return job.getId();
    });
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("update ACT_RU_JOB set DUEDATE_ = null where ID_ = '" + jobId + "'");
      assertThat(engine.getManagementService().createJobQuery().jobId(jobId).singleResult()
          .getDuedate()).isNull();

      new EngineIndexes().postProcessEngineBuild(engine);

      assertThat(engine.getManagementService().createJobQuery().jobId(jobId).singleResult()
          .getDuedate()).isNotNull();
      statement.executeUpdate("delete from ACT_RU_JOB where ID_ = '" + jobId + "'");
    }
  }

  /** The index names of the table, upper-case, whatever case the database keeps names in. */
  Set<String> indexes(String table) throws Exception {
    return indexes(dataSource, table);
  }

  static Set<String> indexes(DataSource dataSource, String table) throws Exception {
    Set<String> names = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      for (String name : new String[] {table, table.toLowerCase(Locale.ROOT)}) {
        try (ResultSet rs = meta.getIndexInfo(null, null, name, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              names.add(rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return names;
  }
}
