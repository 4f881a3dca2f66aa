package io.leadflow.reporting;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The reports' figures on PostgreSQL, in the context the other PostgreSQL tests share. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class ReportFiguresPostgresTest extends ReportFiguresContract {}
