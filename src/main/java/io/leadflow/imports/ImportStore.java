package io.leadflow.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.lead.LeadSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The imports, their files and their rows' outcomes (tables imports, import_file_chunks,
 * import_rows), in plain SQL that PostgreSQL and H2 both run. Every call joins the caller's
 * transaction, if there is one: a row's outcome is written with the lead it made.
 */
@Repository
class ImportStore {

  static final int CHUNK = 1024 * 1024;

  /** A row's outcome. TAKING only inside the transaction that takes it. */
  enum RowStatus { TAKING, CREATED, MERGED, SKIPPED, FAILED }

  /** What a new import is, as the upload found it. */
  record NewImport(String fileName, String sha256, long fileSize, FileKind kind, String sheet,
      List<String> header, Map<String, String> mapping, String settingsKey, LeadSource source,
      String campaign, boolean digest, String createdBy, Set<String> allowedTeams,
      int rowsTotal) {}

  /** A stored row outcome. */
  record StoredRow(int rowNumber, RowStatus status, Long leadId, String matchedBy,
      List<RowProblem> problems, List<String> cells, Instant takenAt, Integer duplicateOfRow) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  ImportStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long create(NewImport n, Path file, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement ps = connection.prepareStatement("""
          insert into imports (file_name, file_sha256, file_size, format, encoding, bom,
            delimiter, sheet, header, mapping, settings_key, source, campaign, digest,
            created_by, allowed_teams, status, rows_total, created_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)""",
          new String[] {"id"});
      ps.setString(1, n.fileName());
      ps.setString(2, n.sha256());
      ps.setLong(3, n.fileSize());
      ps.setString(4, n.kind().format().name());
      ps.setString(5, n.kind().encoding());
      ps.setBoolean(6, n.kind().bom());
      ps.setString(7, n.kind().format() == FileKind.Format.CSV
          ? String.valueOf(n.kind().delimiter()) : null);
      ps.setString(8, n.sheet());
      ps.setString(9, write(n.header()));
      ps.setString(10, write(n.mapping()));
      ps.setString(11, n.settingsKey());
      ps.setString(12, n.source().name());
      ps.setString(13, n.campaign());
      ps.setBoolean(14, n.digest());
      ps.setString(15, n.createdBy());
      ps.setString(16, n.allowedTeams() == null ? null : write(n.allowedTeams()));
      ps.setInt(17, n.rowsTotal());
      ps.setTimestamp(18, Timestamp.from(now));
      return ps;
    }, key);
    long id = key.getKey().longValue();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk;
      int index = 0;
      while ((chunk = in.readNBytes(CHUNK)).length > 0) {
        jdbc.update("insert into import_file_chunks (import_id, chunk, data) values (?, ?, ?)",
            id, index++, chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** Writes the stored file to this path. */
  void spool(long id, Path target) throws IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      int chunks = jdbc.queryForObject(
          "select count(*) from import_file_chunks where import_id = ?", Integer.class, id);
      for (int i = 0; i < chunks; i++) {
        out.write(jdbc.queryForObject(
            "select data from import_file_chunks where import_id = ? and chunk = ?",
            byte[].class, id, i));
      }
    }
  }

  Optional<ImportJob> find(long id) {
    return jdbc.query("select * from imports where id = ?", this::job, id).stream().findFirst();
  }

  /** The import, locked until the transaction ends. */
  Optional<ImportJob> lock(long id) {
    return jdbc.query("select * from imports where id = ? for update", this::job, id).stream()
        .findFirst();
  }

  /** An earlier upload of the same file with the same settings that did not fail or stop. */
  Optional<ImportJob> sameUpload(String settingsKey) {
    return jdbc.query("select * from imports where settings_key = ? and status in"
        + " ('QUEUED', 'RUNNING', 'DONE') order by id", this::job, settingsKey).stream()
        .findFirst();
  }

  /** The caller's imports (all, for null), newest first. */
  List<ImportJob> list(String createdBy, int page, int size) {
    String where = createdBy == null ? "" : " where created_by = ?";
    Object[] args = createdBy == null ? new Object[] {size, page * size}
        : new Object[] {createdBy, size, page * size};
    return jdbc.query("select * from imports" + where + " order by id desc limit ? offset ?",
        this::job, args);
  }

  long count(String createdBy) {
    return createdBy == null
        ? jdbc.queryForObject("select count(*) from imports", Long.class)
        : jdbc.queryForObject("select count(*) from imports where created_by = ?", Long.class,
            createdBy);
  }

  /** Imports no node holds: waiting, or running on a node whose lease ran out. */
  List<Long> claimable(Instant now) {
    return jdbc.queryForList("select id from imports where status in ('QUEUED', 'RUNNING')"
        + " and (lease_until is null or lease_until < ?) order by id", Long.class,
        Timestamp.from(now));
  }

  /** Takes the import for this node, unless another node holds a lease that still runs. */
  boolean claim(long id, String node, Instant now, Instant until) {
    return jdbc.update("""
        update imports set worker = ?, lease_until = ?, status = 'RUNNING',
          started_at = coalesce(started_at, ?), run_started_at = ?,
          run_rows_before = (select count(*) from import_rows where import_id = ?)
        where id = ? and status in ('QUEUED', 'RUNNING')
          and (lease_until is null or lease_until < ?)""", node, Timestamp.from(until),
        Timestamp.from(now), Timestamp.from(now), id, id, Timestamp.from(now)) == 1;
  }

  /** Extends this node's lease; false if the node no longer holds the running import. */
  boolean renew(long id, String node, Instant until) {
    return jdbc.update("update imports set lease_until = ? where id = ? and worker = ?"
        + " and status = 'RUNNING'", Timestamp.from(until), id, node) == 1;
  }

  /** Gives the import up at once (a node that stops), so another node resumes it. */
  void release(long id, String node, Instant now) {
    jdbc.update("update imports set lease_until = ? where id = ? and worker = ?",
        Timestamp.from(now), id, node);
  }

  boolean finish(long id, String node, ImportJob.Status status, String error, Instant now) {
    return jdbc.update("update imports set status = ?, error = ?, finished_at = ?,"
        + " lease_until = null where id = ? and worker = ? and status = 'RUNNING'",
        status.name(), error, Timestamp.from(now), id, node) == 1;
  }

  boolean cancel(long id, Instant now) {
    return jdbc.update("update imports set status = 'CANCELLED', finished_at = ?"
        + " where id = ? and status in ('QUEUED', 'RUNNING')", Timestamp.from(now), id) == 1;
  }

  /** The rows of the import that have an outcome. */
  BitSet takenRows(long id) {
    BitSet taken = new BitSet();
    jdbc.query("select row_number from import_rows where import_id = ?",
        rs -> { taken.set(rs.getInt(1)); }, id);
    return taken;
  }

  /** Rows of the same file taken (not failed) by other imports: row number → lead. */
  Map<Integer, Long> takenFromSameFile(String sha256, long id) {
    Map<Integer, Long> taken = new HashMap<>();
    jdbc.query("""
        select r.row_number, r.lead_id from import_rows r join imports i on i.id = r.import_id
        where i.file_sha256 = ? and i.id <> ? and r.status in ('CREATED', 'MERGED', 'SKIPPED')""",
        rs -> { taken.putIfAbsent(rs.getInt(1), rs.getLong(2)); }, sha256, id);
    return taken;
  }

  /** Takes the row for this transaction; fails (DuplicateKeyException) if it has an outcome. */
  void claimRow(long id, int row, Instant now) {
    jdbc.update("insert into import_rows (import_id, row_number, status, taken_at)"
        + " values (?, ?, 'TAKING', ?)", id, row, Timestamp.from(now));
  }

  void taken(long id, int row, RowStatus status, long leadId, String matchedBy) {
    jdbc.update("update import_rows set status = ?, lead_id = ?, matched_by = ?"
        + " where import_id = ? and row_number = ?", status.name(), leadId, matchedBy, id, row);
  }

  /** A row that makes no lead: failed (with its problems and cells) or skipped. */
  void record(long id, int row, RowStatus status, Long leadId, String matchedBy,
      List<RowProblem> problems, List<String> cells, Instant now) {
    jdbc.update("insert into import_rows (import_id, row_number, status, lead_id, matched_by,"
        + " problems, cells, taken_at) values (?, ?, ?, ?, ?, ?, ?, ?)", id, row, status.name(),
        leadId, matchedBy, problems == null ? null : write(problems),
        cells == null ? null : write(cells), Timestamp.from(now));
  }

  Map<RowStatus, Integer> counts(long id) {
    Map<RowStatus, Integer> counts = new EnumMap<>(RowStatus.class);
    jdbc.query("select status, count(*) from import_rows where import_id = ? group by status",
        rs -> { counts.put(RowStatus.valueOf(rs.getString(1)), rs.getInt(2)); }, id);
    return counts;
  }

  /** New leads per owner (null: in the pool). */
  Map<String, Integer> createdPerOwner(long id) {
    Map<String, Integer> owners = new LinkedHashMap<>();
    jdbc.query("""
        select l.owner, count(*) from import_rows r join leads l on l.id = r.lead_id
        where r.import_id = ? and r.status = 'CREATED' group by l.owner order by l.owner""",
        rs -> { owners.put(rs.getString(1), rs.getInt(2)); }, id);
    return owners;
  }

  /**
   * A page of the rows (of one status, or all), in row order; a merged row names the row of this
   * import that created the lead it was merged into, if one did.
   */
  List<StoredRow> rows(long id, RowStatus status, int page, int size) {
    String where = status == null ? "" : " and r.status = ?";
    Object[] args = status == null ? new Object[] {id, id, size, page * size}
        : new Object[] {id, id, status.name(), size, page * size};
    return jdbc.query("""
        select r.*, c.row_number as created_row from import_rows r
        left join import_rows c on c.import_id = ? and c.lead_id = r.lead_id
          and c.status = 'CREATED' and r.status = 'MERGED'
        where r.import_id = ?""" + where + " order by r.row_number limit ? offset ?",
        this::row, args);
  }

  long countRows(long id, RowStatus status) {
    return status == null
        ? jdbc.queryForObject("select count(*) from import_rows where import_id = ?", Long.class,
            id)
        : jdbc.queryForObject("select count(*) from import_rows where import_id = ? and"
            + " status = ?", Long.class, id, status.name());
  }

  /** The failed rows in row order, one at a time (for the error file). */
  void forEachFailed(long id, Consumer<StoredRow> each) {
    jdbc.query(connection -> {
      PreparedStatement ps = connection.prepareStatement("select r.*, null as created_row from"
          + " import_rows r where r.import_id = ? and r.status = 'FAILED' order by r.row_number",
          ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(500);
      ps.setLong(1, id);
      return ps;
    }, rs -> { each.accept(row(rs, 0)); });
  }

  private StoredRow row(ResultSet rs, int n) throws SQLException {
    long lead = rs.getLong("lead_id");
    Long leadId = rs.wasNull() ? null : lead;
    int created = rs.getInt("created_row");
    Integer createdRow = rs.wasNull() ? null : created;
    return new StoredRow(rs.getInt("row_number"), RowStatus.valueOf(rs.getString("status")),
        leadId, rs.getString("matched_by"),
        read(rs.getString("problems"), new TypeReference<List<RowProblem>>() {}),
        read(rs.getString("cells"), new TypeReference<List<String>>() {}),
        rs.getTimestamp("taken_at").toInstant(), createdRow);
  }

  private ImportJob job(ResultSet rs, int n) throws SQLException {
    String teams = rs.getString("allowed_teams");
    int before = rs.getInt("run_rows_before");
    Integer runRowsBefore = rs.wasNull() ? null : before;
    return new ImportJob(rs.getLong("id"), rs.getString("file_name"),
        rs.getString("file_sha256"), rs.getLong("file_size"),
        FileKind.Format.valueOf(rs.getString("format")), rs.getString("encoding"),
        rs.getBoolean("bom"), rs.getString("delimiter"), rs.getString("sheet"),
        read(rs.getString("header"), new TypeReference<List<String>>() {}),
        read(rs.getString("mapping"), new TypeReference<LinkedHashMap<String, String>>() {}),
        LeadSource.valueOf(rs.getString("source")), rs.getString("campaign"),
        rs.getBoolean("digest"), rs.getString("created_by"),
        teams == null ? null : read(teams, new TypeReference<LinkedHashSet<String>>() {}),
        ImportJob.Status.valueOf(rs.getString("status")), rs.getInt("rows_total"),
        rs.getString("worker"), instant(rs, "lease_until"), instant(rs, "run_started_at"),
        runRowsBefore, rs.getString("error"), instant(rs, "created_at"),
        instant(rs, "started_at"), instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
