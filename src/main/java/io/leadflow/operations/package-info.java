/**
 * What operators run LeadFlow by: liveness and readiness (database and job executor included),
 * Prometheus metrics of leads, assignments, the pool, SLAs, jobs, incidents and notifications,
 * the graceful shutdown's order (in-flight intakes finish, then the job executor stops acquiring
 * and finishes what it runs) and the OpenAPI description of {@code /api/**} with its error
 * bodies. docs/operations.md, section "Health, metrics and shutdown".
 */
@ApplicationModule(displayName = "Operations", allowedDependencies = {"lead", "system"})
package io.leadflow.operations;

import org.springframework.modulith.ApplicationModule;
