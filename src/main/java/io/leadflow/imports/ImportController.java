package io.leadflow.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.imports.ImportStore.RowStatus;
import io.leadflow.imports.ImportStore.StoredRow;
import io.leadflow.lead.LeadSource;
import io.leadflow.notification.Digests;
import io.leadflow.system.BodyProblems;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/imports}: preview, upload, progress, rows, error file, cancel (docs/import.md). */
@RestController
@RequestMapping("/api/imports")
class ImportController {

  static final int MAX_PAGE_SIZE = 200;

  /** An import's state and progress. */
  record ImportView(long id, ImportJob.Status status, String fileName, long fileSize,
      FileKind.Format format, String encoding, boolean bom, String delimiter, String sheet,
      LeadSource source, String campaign, boolean digest, String createdBy,
      Instant createdAt, Instant startedAt, Instant finishedAt, int rowsTotal, int processed,
      int created, int merged, int skipped, int failed, Double rowsPerSecond,
      Long secondsLeft, Map<String, String> mapping, Map<String, Integer> assigned,
      String error, boolean repeat) {}

  record RowView(int rowNumber, RowStatus status, Long leadId, String matchedBy,
      Integer duplicateOfRow, List<RowProblem> problems, Instant takenAt) {}

  record Preview(String fileName, FileKind.Format format, String encoding, boolean bom,
      String delimiter, List<String> sheets, String sheet, List<String> header,
      List<Map<String, Object>> columns, int rowsTotal, List<Uploads.PreviewRow> rows,
      List<String> problems) {}

  private final Uploads uploads;
  private final ImportStore store;
  private final ImportRunner runner;
  private final ImportProperties properties;
  private final Digests digests;
  private final ObjectMapper json;
  private final TransactionTemplate tx;
  private final Clock clock;

  ImportController(Uploads uploads, ImportStore store, ImportRunner runner,
      ImportProperties properties, Digests digests, ObjectMapper json,
      PlatformTransactionManager transactions, Clock clock) {
    this.uploads = uploads;
    this.store = store;
    this.runner = runner;
    this.properties = properties;
    this.digests = digests;
    this.json = json;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** What the file holds and how it would be taken, without importing anything. */
  @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Preview preview(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String mapping, @RequestParam(required = false) String sheet,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String campaign,
      @RequestParam(required = false) String digest) throws IOException {
    ImportAccess.requireImporter(Caller.current());
    Uploads.Settings settings = settings(file, mapping, sheet, source, campaign, digest);
    Path temp = spool(file);
    try {
      Uploads.Scan scan = uploads.scan(temp, settings, properties.previewRows());
      return new Preview(name(file), scan.kind().format(), scan.kind().encoding(),
          scan.kind().bom(), delimiter(scan.kind()), scan.sheets(), scan.sheet(), scan.header(),
          Uploads.columns(scan.mapping()), scan.rows(), scan.preview(), scan.problems());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** 202 with the new import; 200 with the earlier one for the same file and settings. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportView> upload(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String mapping, @RequestParam(required = false) String sheet,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String campaign,
      @RequestParam(required = false) String digest) throws IOException {
    Caller caller = Caller.current();
    Set<String> allowedTeams = ImportAccess.requireImporter(caller);
    Uploads.Settings settings = settings(file, mapping, sheet, source, campaign, digest);
    Path temp = spool(file);
    try {
      Uploads.Scan scan = uploads.scan(temp, settings, 0);
      Uploads.Stored stored = uploads.store(temp, name(file), scan, settings, caller.id(),
          allowedTeams);
      if (stored.repeat()) {
        return ResponseEntity.ok(view(stored.job(), true));
      }
      runner.kick();
      return ResponseEntity.accepted().location(URI.create("/api/imports/" + stored.job().id()))
          .body(view(stored.job(), false));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @GetMapping
  Page<ImportView> list(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    String creator = ImportAccess.visibleCreator(Caller.current());
    PageRequest pageable = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1),
        MAX_PAGE_SIZE));
    List<ImportView> views = store.list(creator, pageable.getPageNumber(), pageable.getPageSize())
        .stream().map(job -> view(job, false)).toList();
    return new PageImpl<>(views, pageable, store.count(creator));
  }

  @GetMapping("/{id}")
  ImportView get(@PathVariable long id) {
    return view(visible(id), false);
  }

  /** The rows' outcomes in row order, of one status (e.g. FAILED) or all. */
  @GetMapping("/{id}/rows")
  Page<RowView> rows(@PathVariable long id, @RequestParam(required = false) RowStatus status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    ImportJob job = visible(id);
    PageRequest pageable = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1),
        MAX_PAGE_SIZE));
    List<RowView> rows = store.rows(job.id(), status, pageable.getPageNumber(),
        pageable.getPageSize()).stream().map(ImportController::row).toList();
    return new PageImpl<>(rows, pageable, store.countRows(job.id(), status));
  }

  /** The failed rows as uploaded, with a reason column, in the upload's format. */
  @GetMapping("/{id}/errors")
  ResponseEntity<StreamingResponseBody> errors(@PathVariable long id) {
    ImportJob job = visible(id);
    if (store.countRows(id, RowStatus.FAILED) == 0) {
      throw new NotFoundException("Import " + id + " has no failed rows");
    }
    StreamingResponseBody body = out -> ErrorFile.write(job, store, out);
    MediaType type = MediaType.parseMediaType(job.format().mediaType);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(ErrorFile.fileName(job), StandardCharsets.UTF_8).build().toString())
        .contentType(job.format() == FileKind.Format.CSV
            ? new MediaType(type, ErrorFile.charset(job.encoding())) : type)
        .body(body);
  }

  /** Stops the import: the rows taken stay, the rest are not taken. 409 once it has ended. */
  @PostMapping("/{id}/cancel")
  ImportView cancel(@PathVariable long id) {
    ImportJob job = visible(id);
    boolean cancelled = Boolean.TRUE.equals(tx.execute(s -> {
      ImportJob now = store.lock(id).orElseThrow();
      if (!store.cancel(id, clock.instant())) {
        return false;
      }
      // Nobody is running it (its node died or it never started): its digest goes out now;
      // else the node running it sends it once its workers stop.
      if (now.digest()
          && (now.leaseUntil() == null || now.leaseUntil().isBefore(clock.instant()))) {
        digests.close(now.batch(), now.label());
      }
      return true;
    }));
    if (!cancelled) {
      throw new io.leadflow.system.ConflictException("Import " + id + " has ended ("
          + store.find(id).orElseThrow().status() + ")");
    }
    return view(store.find(job.id()).orElseThrow(), false);
  }

  private ImportJob visible(long id) {
    ImportJob job = store.find(id).orElseThrow(() -> new NotFoundException("No import " + id));
    return ImportAccess.requireVisible(Caller.current(), job);
  }

  private ImportView view(ImportJob job, boolean repeat) {
    Map<RowStatus, Integer> counts = store.counts(job.id());
    int created = counts.getOrDefault(RowStatus.CREATED, 0);
    int merged = counts.getOrDefault(RowStatus.MERGED, 0);
    int skipped = counts.getOrDefault(RowStatus.SKIPPED, 0);
    int failed = counts.getOrDefault(RowStatus.FAILED, 0);
    int processed = created + merged + skipped + failed;
    Double rate = null;
    Long left = null;
    if (job.runStartedAt() != null && job.runRowsBefore() != null) {
      Instant until = job.status().finished() && job.finishedAt() != null ? job.finishedAt()
          : clock.instant();
      double seconds = Duration.between(job.runStartedAt(), until).toMillis() / 1000.0;
      int thisRun = processed - job.runRowsBefore();
      if (seconds > 0.5 && thisRun > 0) {
        rate = Math.round(thisRun / seconds * 10) / 10.0;
        if (!job.status().finished()) {
          left = Math.round(Math.max(0, job.rowsTotal() - processed) / (thisRun / seconds));
        }
      }
    }
    Map<String, Integer> assigned = job.status().finished() ? store.createdPerOwner(job.id())
        : null;
    return new ImportView(job.id(), job.status(), job.fileName(), job.fileSize(), job.format(),
        job.encoding(), job.bom(), job.delimiter() == null ? null
            : delimiterName(job.delimiter().charAt(0)), job.sheet(), job.source(), job.campaign(),
        job.digest(), job.createdBy(), job.createdAt(), job.startedAt(), job.finishedAt(),
        job.rowsTotal(), processed, created, merged, skipped, failed, rate, left, job.mapping(),
        assigned == null ? null : poolAs(assigned), job.error(), repeat);
  }

  /** Owners by user id; the leads in the pool under "(pool)". */
  private static Map<String, Integer> poolAs(Map<String, Integer> owners) {
    Map<String, Integer> named = new LinkedHashMap<>();
    owners.forEach((owner, n) -> named.put(owner == null ? "(pool)" : owner, n));
    return named;
  }

  private static RowView row(StoredRow row) {
    return new RowView(row.rowNumber(), row.status(), row.leadId(), row.matchedBy(),
        row.duplicateOfRow(), row.problems() == null ? List.of() : row.problems(), row.takenAt());
  }

  private static String delimiter(FileKind kind) {
    return kind.format() == FileKind.Format.CSV ? kind.delimiterName() : null;
  }

  private static String delimiterName(char delimiter) {
    return new FileKind(FileKind.Format.CSV, null, null, false, delimiter, false).delimiterName();
  }

  private Uploads.Settings settings(MultipartFile file, String mapping, String sheet,
      String source, String campaign, String digest) {
    List<FieldProblem> problems = new ArrayList<>();
    if (file == null) {
      problems.add(new FieldProblem("file", "is required (multipart/form-data part \"file\")"));
    } else if (file.isEmpty()) {
      problems.add(new FieldProblem("file", "is empty"));
    }
    Map<String, String> overrides = null;
    if (mapping != null && !mapping.isBlank()) {
      try {
        overrides = json.readValue(mapping, new TypeReference<LinkedHashMap<String, String>>() {});
      } catch (IOException e) {
        problems.add(new FieldProblem("mapping",
            "must be a JSON object of column (header or letter) to field"));
      }
    }
    LeadSource leadSource = LeadSource.IMPORT;
    if (source != null && !source.isBlank()) {
      leadSource = RowMapper.source(source).orElse(null);
      if (leadSource == null) {
        problems.add(new FieldProblem("source", BodyProblems.mustBe(LeadSource.class)));
      }
    }
    String label = campaign == null || campaign.isBlank() ? null : campaign.strip();
    if (label != null && label.length() > 200) {
      problems.add(new FieldProblem("campaign", "size must be between 0 and 200"));
    }
    Boolean withDigest = digest == null || digest.isBlank() ? Boolean.TRUE
        : RowMapper.bool(digest.strip()).orElse(null);
    if (withDigest == null) {
      problems.add(new FieldProblem("digest", BodyProblems.mustBe(Boolean.class)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new Uploads.Settings(sheet, overrides, leadSource, label, withDigest);
  }

  private static String name(MultipartFile file) {
    String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
    name = name.replaceAll(".*[/\\\\]", "").strip();
    name = name.isEmpty() ? "upload" : name;
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static Path spool(MultipartFile file) throws IOException {
    Path temp = Files.createTempFile("leadflow-upload-", ".bin");
    file.transferTo(temp);
    return temp;
  }
}
