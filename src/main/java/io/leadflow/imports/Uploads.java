package io.leadflow.imports;

import io.leadflow.imports.ColumnMapping.Column;
import io.leadflow.intake.LeadRequest;
import io.leadflow.lead.LeadSource;
import io.leadflow.system.ContactNormaliser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an uploaded file holds, read once as a stream: its kind, sheets, header and mapping, the
 * number of rows, and the first rows as they would be taken (the preview). An upload whose file
 * passes is stored as an import for a node to run.
 */
@Service
class Uploads {

  /** One row of a preview: the lead as it would be taken, or what is wrong with it. */
  record PreviewRow(int rowNumber, Map<String, Object> lead, List<RowProblem> problems) {}

  /** The file as read. {@code problems}: why it could not be imported as it is. */
  record Scan(FileKind kind, List<String> sheets, String sheet, List<String> header,
      ColumnMapping mapping, int rows, List<PreviewRow> preview, List<String> problems) {}

  /** The settings of an upload besides the file. */
  record Settings(String sheet, Map<String, String> mapping, LeadSource source, String campaign,
      boolean digest) {}

  private final ImportProperties properties;
  private final RowTaker taker;
  private final ContactNormaliser normaliser;
  private final ImportStore store;
  private final Clock clock;

  Uploads(ImportProperties properties, RowTaker taker, ContactNormaliser normaliser,
      ImportStore store, Clock clock) {
    this.properties = properties;
    this.taker = taker;
    this.normaliser = normaliser;
    this.store = store;
    this.clock = clock;
  }

  Scan scan(Path file, Settings settings, int previewRows) throws IOException {
    if (Files.size(file) > properties.maxFileSize().toBytes()) {
      throw new ImportRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "is larger than "
          + properties.maxFileSize().toMegabytes() + " MB (leadflow.imports.max-file-size)");
    }
    FileKind kind = new FileSniffer(properties).sniff(file);
    SheetReader reader = SheetReader.of(file, kind);
    List<String> sheets = reader.sheets();
    String sheet = settings.sheet() == null || settings.sheet().isBlank() ? null
        : settings.sheet().strip();
    if (sheet != null && !sheets.contains(sheet)) {
      throw SheetReader.noSuchSheet(sheet);
    }
    List<String> header = new ArrayList<>();
    ColumnMapping[] mapping = {null};
    RowMapper[] mapper = {null};
    int[] rows = {0};
    List<PreviewRow> preview = new ArrayList<>();
    reader.read(sheet, (number, cells) -> {
      if (RowMapper.blank(cells)) {
        return true;
      }
      if (mapping[0] == null) {
        header.addAll(cells);
        mapping[0] = ColumnMapping.of(header, settings.mapping());
        mapper[0] = new RowMapper(mapping[0], settings.source());
        return true;
      }
      if (++rows[0] > properties.maxRows()) {
        throw new ImportRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "has more than "
            + properties.maxRows() + " rows (leadflow.imports.max-rows)");
      }
      if (preview.size() < previewRows) {
        RowMapper.Mapped row = mapper[0].map(cells);
        preview.add(new PreviewRow(number, asTaken(row.request()), taker.problems(row)));
      }
      return true;
    });
    if (mapping[0] == null) {
      throw ImportRefusedException.bad("is empty: it has no rows");
    }
    List<String> problems = new ArrayList<>();
    if (!mapping[0].namesAnyField()) {
      problems.add("the first row is not a header: none of its cells names a lead field (姓名,"
          + " 公司, 手机, 邮箱 ... or name, company, phone, email ...); add a header row or map the"
          + " columns");
    } else if (!mapping[0].has(LeadField.EMAIL) && !mapping[0].has(LeadField.PHONE)) {
      problems.add("no column holds an e-mail or a phone (邮箱, 手机 ...), which every lead needs");
    }
    if (rows[0] == 0) {
      problems.add("has a header but no rows below it");
    }
    return new Scan(kind, sheets, sheet, header,
        mapping[0], rows[0], preview, problems);
  }

  /** The lead's fields as the intake would take them (contacts normalised), for the preview. */
  private Map<String, Object> asTaken(LeadRequest request) {
    Map<String, Object> lead = new LinkedHashMap<>();
    put(lead, "externalId", request.externalId());
    put(lead, "source", request.source());
    put(lead, "name", request.name());
    put(lead, "company", request.company());
    put(lead, "title", request.title());
    put(lead, "decisionMaker", request.decisionMaker());
    put(lead, "email", normaliser.email(request.email()));
    put(lead, "phone", request.phone() == null || request.phone().isBlank() ? null
        : normaliser.phone(request.phone()).orElse(request.phone()));
    put(lead, "region", request.region());
    put(lead, "city", request.city());
    put(lead, "industry", request.industry());
    put(lead, "product", request.product());
    put(lead, "companySize", request.companySize());
    put(lead, "budget", request.budget());
    put(lead, "tags", request.tags());
    put(lead, "attributes", request.attributes());
    return lead;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** A stored import, or the earlier one of the same file and settings by the same caller. */
  record Stored(ImportJob job, boolean repeat) {}

  @Transactional
  Stored store(Path file, String fileName, Scan scan, Settings settings, String createdBy,
      Set<String> allowedTeams) throws IOException {
    if (!scan.problems().isEmpty()) {
      throw ImportRefusedException.bad(String.join("; ", scan.problems()));
    }
    String sha = sha256(file);
    Map<String, String> mapping = scan.mapping().asOverrides();
    String settingsKey = sha256(String.join("\n", sha, String.valueOf(scan.sheet()),
        settings.source().name(), String.valueOf(settings.campaign()),
        String.valueOf(settings.digest()), mapping.toString(), createdBy));
    Optional<ImportJob> earlier = store.sameUpload(settingsKey);
    if (earlier.isPresent()) {
      return new Stored(earlier.get(), true);
    }
    long id = store.create(new ImportStore.NewImport(fileName, sha, Files.size(file),
        scan.kind(), scan.sheet(), scan.header(), mapping, settingsKey, settings.source(),
        settings.campaign(), settings.digest(), createdBy, allowedTeams, scan.rows()), file,
        clock.instant());
    return new Stored(store.find(id).orElseThrow(), false);
  }

  /** The columns of a scan for the API: header, letter, field or attribute, and how. */
  static List<Map<String, Object>> columns(ColumnMapping mapping) {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Column c : mapping.columns()) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("index", c.index());
      column.put("letter", c.letter());
      column.put("header", c.header());
      column.put("field", c.field() == null ? null : c.field().key);
      column.put("attribute", c.attribute());
      column.put("how", c.how());
      columns.add(column);
    }
    return columns;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(String text) {
    return HexFormat.of().formatHex(sha().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
