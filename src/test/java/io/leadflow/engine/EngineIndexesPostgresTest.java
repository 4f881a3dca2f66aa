package io.leadflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * On PostgreSQL LeadFlow's indexes include the partial index of the jobs being run, which the
 * job acquisition's check for exclusive jobs in progress reads instead of the whole job table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class EngineIndexesPostgresTest {

  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theJobTableHasTheDueDateAndTheLockedJobsIndexes() throws Exception {
    assertThat(EngineIndexesTest.indexes(dataSource, "ACT_RU_JOB"))
        .contains("ACT_IDX_LF_JOB_DUEDATE", "ACT_IDX_LF_JOB_LOCKED");
    assertThat(EngineIndexesTest.indexes(dataSource, "ACT_RU_TASK"))
        .contains("ACT_IDX_LF_TASK_PARENT");
    assertThat(jdbc.queryForObject(
        "select indexdef from pg_indexes where indexname = 'act_idx_lf_job_locked'", String.class))
        .containsIgnoringCase("(lock_exp_time_)")
        .containsIgnoringCase("WHERE (lock_owner_ IS NOT NULL)");
  }
}
