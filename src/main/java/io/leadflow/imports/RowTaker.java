package io.leadflow.imports;

import io.leadflow.imports.ImportStore.RowStatus;
import io.leadflow.intake.LeadIntake;
import io.leadflow.lead.Lead;
import io.leadflow.models.LeadRouting;
import io.leadflow.notification.Digests;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one row of an import, in one transaction that records the row's outcome together with
 * the lead it made: either both are there or neither. The row takes the intake's path
 * ({@link LeadIntake#take}); its problems, found all at once, fail only this row.
 *
 * <p>The row's outcome is inserted first: a row that has one (taken by another node that held the
 * import a moment ago) is not taken again. A concurrent twin (the same person posted through the
 * API, or a row of the same person on another thread) is retried once and then merges as a repeat.
 * A fault of the database (lost connection, deadlock) is retried a few times and then stops the
 * run: the row is taken when the import resumes. Any other error fails the row with its message.
 */
@Component
class RowTaker {

  private static final Logger log = LoggerFactory.getLogger(RowTaker.class);
  private static final int ATTEMPTS = 4;

  /** How a row ended; ELSEWHERE: it already had an outcome (another node took it). */
  enum Taken { CREATED, MERGED, SKIPPED, FAILED, ELSEWHERE }

  /** A new lead routed outside the teams a manager's import may fill. */
  private static final class OutsideTeams extends RuntimeException {
    final RowProblem problem;

    OutsideTeams(RowProblem problem) {
      super(problem.reason(), null, false, false);
      this.problem = problem;
    }
  }

  private final LeadIntake intake;
  private final ImportStore store;
  private final Digests digests;
  private final TransactionTemplate tx;
  private final Clock clock;

  RowTaker(LeadIntake intake, ImportStore store, Digests digests,
      PlatformTransactionManager transactions, Clock clock) {
    this.intake = intake;
    this.store = store;
    this.digests = digests;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** @param sameFileLead the lead an earlier import of the same file made of this row, if any */
  Taken take(ImportJob job, int number, RowMapper.Mapped row, Long sameFileLead) {
    if (sameFileLead != null) {
      return record(job, number, RowStatus.SKIPPED, sameFileLead, "file", null, null);
    }
    List<RowProblem> problems;
    try {
      problems = problems(row);
    } catch (RuntimeException e) {
      // Not the database: a row that cannot even be checked is a bad row, not a reason to stop.
      log.warn("Import {} row {} could not be checked", job.id(), number, e);
      return failed(job, number, row, List.of(new RowProblem(null, null, null, null,
          "could not be checked: " + summary(e))));
    }
    if (!problems.isEmpty()) {
      return failed(job, number, row, problems);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(job, number, row);
      } catch (OutsideTeams refused) {
        return failed(job, number, row, List.of(refused.problem));
      } catch (InvalidRequestException invalid) {
        return failed(job, number, row, invalid.problems().stream().map(row::place).toList());
      } catch (RuntimeException e) {
        boolean twin = e instanceof DataIntegrityViolationException && attempt == 1;
        if (!twin && transientFault(e)) {
          if (attempt >= ATTEMPTS) {
            throw e; // the run stops; the row is taken when the import resumes
          }
          sleep(attempt * 500L);
        } else if (!twin) {
          log.warn("Import {} row {} could not be taken", job.id(), number, e);
          return failed(job, number, row, List.of(new RowProblem(null, null, null, null,
              "could not be taken: " + summary(e))));
        }
      }
    }
  }

  /** The problems of reading the row's values, then those of the request (the API's 400). */
  List<RowProblem> problems(RowMapper.Mapped row) {
    List<RowProblem> problems = new ArrayList<>(row.problems());
    Set<String> unread = row.problems().stream().map(RowProblem::field)
        .collect(Collectors.toSet());
    for (FieldProblem problem : intake.problems(row.request())) {
      if (!unread.contains(problem.field())) {
        problems.add(row.place(problem));
      }
    }
    return problems;
  }

  private Taken attempt(ImportJob job, int number, RowMapper.Mapped row) {
    return held(job, () -> tx.execute(status -> {
      try {
        store.claimRow(job.id(), number, clock.instant());
      } catch (DuplicateKeyException taken) {
        status.setRollbackOnly();
        return Taken.ELSEWHERE;
      }
      LeadIntake.Result result = intake.take(row.request(), job.campaign());
      Lead lead = result.lead();
      boolean created = result.outcome() == LeadIntake.Outcome.CREATED;
      if (created && !mayFill(job, lead.getTeam())) {
        throw new OutsideTeams(new RowProblem(null, null, "team", lead.getTeam(),
            "is routed to team " + lead.getTeam() + " (" + lead.getRoutingRule() + "), which is"
                + " not one of the teams whose leads you import " + job.allowedTeams()
                + "; an admin may import this row"));
      }
      store.taken(job.id(), number, created ? RowStatus.CREATED : RowStatus.MERGED,
          lead.getId(), switch (result.outcome()) {
            case CREATED -> null;
            case SAME_EXTERNAL_ID -> "externalId";
            case DUPLICATE_CONTACT -> "contact";
          });
      return created ? Taken.CREATED : Taken.MERGED;
    }));
  }

  private <T> T held(ImportJob job, Supplier<T> work) {
    return job.digest() ? digests.holdBack(job.batch(), work) : work.get();
  }

  /** A manager's import fills their teams' routing, their pools and the general pool. */
  static boolean mayFill(ImportJob job, String team) {
    return job.allowedTeams() == null || team == null || LeadRouting.POOL_TEAM.equals(team)
        || job.allowedTeams().contains(team);
  }

  private Taken failed(ImportJob job, int number, RowMapper.Mapped row,
      List<RowProblem> problems) {
    return record(job, number, RowStatus.FAILED, null, null, problems, row.cells());
  }

  private Taken record(ImportJob job, int number, RowStatus status, Long leadId,
      String matchedBy, List<RowProblem> problems, List<String> cells) {
    try {
      tx.executeWithoutResult(s -> store.record(job.id(), number, status, leadId, matchedBy,
          problems, cells, clock.instant()));
      return Taken.valueOf(status.name());
    } catch (DuplicateKeyException taken) {
      return Taken.ELSEWHERE;
    }
  }

  /** A fault of the database or the connection to it, not of the row. */
  static boolean transientFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
          || t instanceof CannotCreateTransactionException || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
          || sql.getSQLState().startsWith("53") || sql.getSQLState().startsWith("57"))) {
        return true;
      }
    }
    return false;
  }

  private static String summary(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
