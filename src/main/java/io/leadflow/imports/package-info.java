/**
 * Bulk import: a trade show's business cards, leads kept in spreadsheets, an old CRM's export,
 * as .xlsx, .xls or CSV. The file and every row's outcome are kept in the database; each row
 * takes the intake's path ({@code POST /api/leads}: validation, normalisation, de-duplication,
 * scoring, routing, assignment) in a transaction that also records the row, so an import
 * resumes on any node after a crash and takes every row exactly once. The assignments of an
 * import are told in one digest per rep ({@code notification.Digests}). {@code /api/imports},
 * the page {@code /app/imports.html}; docs/import.md.
 */
@ApplicationModule(displayName = "Import",
    allowedDependencies = {"intake", "lead", "models", "notification", "system"})
package io.leadflow.imports;

import org.springframework.modulith.ApplicationModule;
