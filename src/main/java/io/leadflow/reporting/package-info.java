/**
 * KPI reports over the leads of a window ({@code GET /api/reports/...}, JSON or CSV) and the
 * managers' dashboard ({@code /app/dashboard.html}): first response, follow-up coverage, reclaims
 * and claims, the stage funnel by source, the sales cycle, team and rep performance, rule
 * efficiency per routing-table version and the fairness of the split. Every figure is one
 * aggregate query over LeadFlow's own {@code leads} table (docs/reporting.md), scoped to what the
 * caller may see.
 */
@ApplicationModule(displayName = "Reporting", allowedDependencies = {"lead", "directory", "system"})
package io.leadflow.reporting;

import org.springframework.modulith.ApplicationModule;
