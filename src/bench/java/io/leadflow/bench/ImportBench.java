package io.leadflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * {@code bench.mode=import}: the HTTP intake first (closed loop, as {@code bench.mode=intake}),
 * then, against the same server, a generated .xlsx of {@code bench.rows} varied rows (the
 * intake's leads without their activities, about {@code bench.duplicates} of them repeats of an
 * earlier row's person) uploaded to {@code POST /api/imports} and followed to its end. The rows
 * and every created lead are checked in the database; the server's peak heap is read from its GC
 * log ({@code bench.gcLog}). Last line: rows/s of the import beside leads/s of the intake.
 */
final class ImportBench {

  private static final List<String> HEADER = List.of("编号", "来源", "姓名", "公司名称", "职位",
      "是否决策人", "邮箱", "手机", "省份", "城市", "行业", "意向产品", "员工数", "预算", "标签", "活动");

  private final Benchmark bench;
  private final int rows = Integer.parseInt(Benchmark.prop("bench.rows", "100000"));
  private final int intakeLeads = Integer.parseInt(Benchmark.prop("bench.intake.leads", "3000"));
  private final String user = Benchmark.prop("bench.admin.user", "admin");
  private final String password = Benchmark.prop("bench.admin.password", "");
  private final String gcLog = Benchmark.prop("bench.gcLog", "target/bench/gc.log");

  ImportBench(Benchmark bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    System.out.printf(Locale.ROOT, "import: %s rows=%d, intake first: %d leads after %d warm-up,"
        + " concurrency %d, run=%s%n", bench.url, rows, intakeLeads, bench.warmup,
        bench.concurrency, bench.runId);
    if (bench.warmup > 0) {
      bench.load("warm-up", 0, bench.warmup, 0, false);
    }
    Benchmark.Run intake = bench.load("intake", bench.warmup, intakeLeads, 0, false);
    double intakeRate = intakeLeads / intake.seconds();
    System.out.printf(Locale.ROOT, "intake: %d leads in %.1f s = %.1f leads/s, errors %d%n",
        intakeLeads, intake.seconds(), intakeRate, intake.errors.get());

    Path file = Files.createTempFile("leadflow-bench-", ".xlsx");
    long generated = System.nanoTime();
    write(file);
    System.out.printf(Locale.ROOT, "generated %s: %d rows, %.1f MB in %.1f s%n", file, rows,
        Files.size(file) / 1e6, (System.nanoTime() - generated) / 1e9);

    Instant sent = Instant.now();
    HttpResponse<String> upload = upload(file);
    if (upload.statusCode() != 202) {
      throw new IllegalStateException("upload answered " + upload.statusCode() + ": "
          + upload.body());
    }
    long id = Benchmark.JSON.readTree(upload.body()).get("id").asLong();
    System.out.printf(Locale.ROOT, "uploaded as import %d in %.1f s (the file is checked and"
        + " stored before the 202)%n", id, Duration.between(sent, Instant.now()).toMillis() / 1e3);
    JsonNode job = follow(id);
    Instant started = Instant.parse(job.get("startedAt").asText());
    Instant finished = Instant.parse(job.get("finishedAt").asText());
    double seconds = Duration.between(started, finished).toMillis() / 1e3;
    double rate = job.get("processed").asInt() / seconds;
    Files.deleteIfExists(file);

    List<Long> created = createdLeads(id);
    System.out.println("checking every created lead in the database ...");
    Database.Check check = bench.db.check(created);
    check.print();
    long peak = peakHeapMegabytes(gcLog);
    System.out.printf(Locale.ROOT, "import %d: %s, %d rows: created %d, merged %d, skipped %d,"
        + " failed %d; assigned %s%n", id, job.get("status").asText(), job.get("rowsTotal").asInt(),
        job.get("created").asInt(), job.get("merged").asInt(), job.get("skipped").asInt(),
        job.get("failed").asInt(), job.get("assigned"));
    System.out.printf(Locale.ROOT, "import_rows=%d seconds=%.1f rows_per_s=%.1f"
            + " intake_leads_per_s=%.1f ratio=%.2f created=%d merged=%d failed=%d"
            + " server_peak_heap_mb=%d lost=%d%n", job.get("processed").asInt(), seconds, rate,
        intakeRate, rate / intakeRate, job.get("created").asInt(), job.get("merged").asInt(),
        job.get("failed").asInt(), peak, check.lost());
  }

  /** The rows as a trade show scanner or CRM export would have them, with Chinese headers. */
  private void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook workbook = new Workbook(out, "LeadFlowBench", "1.0");
      Worksheet sheet = workbook.newWorksheet("线索");
      for (int c = 0; c < HEADER.size(); c++) {
        sheet.value(0, c, HEADER.get(c));
      }
      int first = 10_000_000;
      for (int r = 1; r <= rows; r++) {
        int i = first + r;
        boolean duplicate = r > 100
            && Math.floorMod(bench.seed * 131 + r * 2654435761L, 10_000) < bench.duplicates * 10_000;
        Map<String, Object> lead = duplicate
            ? bench.generator.duplicateOf(first + 1 + Math.floorMod(r * 7919L, r - 100), i)
            : bench.generator.lead(i, false);
        List<Object> cells = List.of(text(lead, "externalId"), text(lead, "source"),
            text(lead, "name"), text(lead, "company"), text(lead, "title"),
            Boolean.TRUE.equals(lead.get("decisionMaker")) ? "是" : "否", text(lead, "email"),
            text(lead, "phone"), text(lead, "region"), text(lead, "city"), text(lead, "industry"),
            text(lead, "product"), lead.getOrDefault("companySize", ""),
            lead.getOrDefault("budget", ""),
            lead.get("tags") == null ? "" : String.join(",", tags(lead)),
            "bench-" + (i % 7));
        for (int c = 0; c < cells.size(); c++) {
          Object value = cells.get(c);
          if (value instanceof Number n) {
            sheet.value(r, c, n);
          } else {
            sheet.value(r, c, (String) value);
          }
        }
        if (r % 1000 == 0) {
          sheet.flush();
        }
      }
      workbook.finish();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> tags(Map<String, Object> lead) {
    return (List<String>) lead.get("tags");
  }

  private static String text(Map<String, Object> lead, String key) {
    Object value = lead.get(key);
    return value == null ? "" : value.toString();
  }

  private HttpResponse<String> upload(Path file) throws Exception {
    String boundary = "leadflow-bench-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n"
        + "IMPORT\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"campaign\"\r\n\r\n"
        + "bench-" + bench.runId + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.xlsx\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(file));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(bench.url + "/api/imports"))
        .timeout(Duration.ofMinutes(10))
        .header("Authorization", basic())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return bench.http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Polls the import until it ends, printing its progress every 10 s. */
  private JsonNode follow(long id) throws Exception {
    long lastPrint = 0;
    while (true) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(bench.url + "/api/imports/" + id))
          .timeout(Duration.ofSeconds(60)).header("Authorization", basic()).GET().build();
      JsonNode job = Benchmark.JSON.readTree(
          bench.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      String status = job.get("status").asText();
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return job;
      }
      if (System.nanoTime() - lastPrint > 10e9) {
        lastPrint = System.nanoTime();
        System.out.printf(Locale.ROOT, "  import %s: %d of %d rows, %s rows/s, %s s left, failed"
            + " %d%n", status, job.get("processed").asInt(), job.get("rowsTotal").asInt(),
            job.get("rowsPerSecond"), job.get("secondsLeft"), job.get("failed").asInt());
      }
      Thread.sleep(2000);
    }
  }

  private List<Long> createdLeads(long id) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = bench.db.connect();
         PreparedStatement ps = c.prepareStatement("select lead_id from import_rows where"
             + " import_id = ? and status = 'CREATED' order by lead_id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** The most heap the server had in use: the largest "before" of its GC log's pauses. */
  /** The most heap the server had in use before a collection, from its GC log; -1 without. */
  static long peakHeapMegabytes(String gcLog) throws IOException {
    Path log = Path.of(gcLog);
    if (!Files.exists(log)) {
      return -1;
    }
    Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(log));
    long peak = 0;
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)));
    }
    return peak;
  }
}
