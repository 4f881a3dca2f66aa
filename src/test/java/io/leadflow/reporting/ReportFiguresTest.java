package io.leadflow.reporting;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The reports' figures on H2, in the context the other H2 tests share. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReportFiguresTest extends ReportFiguresContract {}
