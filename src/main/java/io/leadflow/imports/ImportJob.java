package io.leadflow.imports;

import io.leadflow.lead.LeadSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An import as stored (table imports).
 *
 * @param allowedTeams a manager's teams, whose routing every new lead must land in (or the
 *     general pool); null for admins and integrations
 * @param runRowsBefore rows already taken when the current run started (for rows per second)
 */
record ImportJob(long id, String fileName, String sha256, long fileSize, FileKind.Format format,
    String encoding, boolean bom, String delimiter, String sheet, List<String> header,
    Map<String, String> mapping, LeadSource source, String campaign, boolean digest,
    String createdBy, Set<String> allowedTeams, Status status, int rowsTotal, String worker,
    Instant leaseUntil, Instant runStartedAt, Integer runRowsBefore, String error,
    Instant createdAt, Instant startedAt, Instant finishedAt) {

  enum Status {
    /** Waiting for a node. */
    QUEUED,
    RUNNING,
    /** Every row taken. */
    DONE,
    /** Stopped by a person; the rows taken until then stay. */
    CANCELLED,
    /** Could not run (the stored file no longer reads); the error says why. */
    FAILED;

    boolean finished() {
      return this == DONE || this == CANCELLED || this == FAILED;
    }
  }

  /** What the digest and the page call the import: the file and the campaign. */
  String label() {
    return campaign == null ? fileName : fileName + " · " + campaign;
  }

  /** The batch its assignments are held back for (the digest), see notification.Digests. */
  String batch() {
    return "import:" + id;
  }
}
