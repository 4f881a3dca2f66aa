package io.leadflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bulk import over HTTP on H2: files made here as Excel and other programs make them, every row on
 * the intake's path, bad rows reported by row, duplicates, re-uploads, a node that loses an import
 * half way, who may import, and hostile files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ImportApiTest {

  static final String TEAM = "east-china";
  static final String[] REPS = {"imp.a", "imp.b", "imp.c"};
  static final Duration WITHIN = Duration.ofSeconds(90);
  static final List<String> HEADER = List.of("姓名", "公司名称", "职位", "手机", "邮箱", "省份", "城市",
      "行业", "意向产品", "员工数", "预算", "来源", "标签", "是否决策人", "备注", "微信");

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApiKeys apiKeys;

  ImportClient admin;
  String run;

  @BeforeEach
  void setUp() {
    Teams.exactly(directory, identity, TEAM, REPS);
    admin = ImportClient.as(rest, "admin", "admin-test-password");
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  /** A business card that the demo rules send to east-china (score 65: round-robin). */
  List<String> card(int i) {
    return List.of("王" + i, "上海" + run + "金融科技有限公司", "采购经理",
        phone(i), "card" + i + "." + run + "@example.cn", "上海市", "上海", "金融", "CRM", "800",
        "200万", "合作伙伴推荐", "展会,重点客户", "是", "展台 A" + i + " 交换名片", "wx_" + i);
  }

  String phone(int i) {
    int n = Math.abs((run.hashCode() * 31 + i) % 100_000_000);
    return "139" + String.format("%08d", n);
  }

  static List<List<String>> rows(List<String> header, List<List<String>> body) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    rows.addAll(body);
    return rows;
  }

  JsonNode lead(long id) {
    return ApiClient.admin(rest).get("/api/leads/" + id).getBody();
  }

  List<JsonNode> rowsOf(long id, String status) {
    JsonNode page = admin.get("/api/imports/" + id + "/rows?size=200"
        + (status == null ? "" : "&status=" + status)).getBody();
    return StreamSupport.stream(page.get("content").spliterator(), false).toList();
  }

  @Test
  void anXlsxWithChineseHeadersIsTakenRowByRowScoredRoutedAndAssignedFairly() {
    List<List<String>> cards = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cards.add(card(i));
    }
    byte[] file = ImportFiles.xlsx(rows(HEADER, cards));

    ResponseEntity<JsonNode> preview = admin.preview("展会名片.xlsx", file, Map.of());
    assertThat(preview.getStatusCode().value()).isEqualTo(200);
    JsonNode p = preview.getBody();
    assertThat(p.get("format").asText()).isEqualTo("XLSX");
    assertThat(p.get("rowsTotal").asInt()).isEqualTo(6);
    assertThat(p.get("sheets").get(0).asText()).isEqualTo("名片");
    Map<String, String> mapped = new HashMap<>();
    p.get("columns").forEach(c -> mapped.put(c.get("header").asText(),
        c.get("field").isNull() ? "attributes." + c.get("attribute").asText()
            : c.get("field").asText()));
    assertThat(mapped).containsEntry("姓名", "name").containsEntry("公司名称", "company")
        .containsEntry("手机", "phone").containsEntry("邮箱", "email")
        .containsEntry("省份", "region").containsEntry("员工数", "companySize")
        .containsEntry("预算", "budget").containsEntry("来源", "source")
        .containsEntry("备注", "notes").containsEntry("微信", "attributes.微信");
    JsonNode first = p.get("rows").get(0);
    assertThat(first.get("rowNumber").asInt()).isEqualTo(2);
    assertThat(first.get("lead").get("phone").asText()).isEqualTo("+86" + phone(0));
    assertThat(first.get("lead").get("budget").asInt()).isEqualTo(2_000_000);
    assertThat(first.get("lead").get("source").asText()).isEqualTo("PARTNER_REFERRAL");
    assertThat(first.get("problems")).isEmpty();
    long before = jdbc.queryForObject("select count(*) from leads", Long.class);
    assertThat(jdbc.queryForObject("select count(*) from leads", Long.class)).isEqualTo(before);

    long id = admin.start("展会名片.xlsx", file, Map.of("campaign", "2026上海工博会"));
    JsonNode done = admin.awaitEnd(id, WITHIN);
    assertThat(done.get("status").asText()).isEqualTo("DONE");
    assertThat(done.get("rowsTotal").asInt()).isEqualTo(6);
    assertThat(done.get("created").asInt()).isEqualTo(6);
    assertThat(done.get("failed").asInt()).isZero();
    assertThat(done.get("assigned").toString())
        .isEqualTo("{\"imp.a\":2,\"imp.b\":2,\"imp.c\":2}");

    JsonNode row = rowsOf(id, "CREATED").get(0);
    JsonNode lead = lead(row.get("leadId").asLong());
    assertThat(lead.get("campaign").asText()).isEqualTo("2026上海工博会");
    assertThat(lead.get("source").asText()).isEqualTo("PARTNER_REFERRAL");
    assertThat(lead.get("team").asText()).isEqualTo(TEAM);
    assertThat(lead.get("score").asInt()).isEqualTo(65);
    assertThat(lead.get("routing").get("rule").asText()).isEqualTo("Rule_EastChina");
    assertThat(lead.get("companySize").asInt()).isEqualTo(800);
    assertThat(lead.get("decisionMaker").asBoolean()).isTrue();
    assertThat(lead.get("tags").toString()).isEqualTo("[\"展会\",\"重点客户\"]");
    assertThat(lead.get("attributes").get("微信").asText()).startsWith("wx_");
    assertThat(lead.get("attributes").get("notes").asText()).contains("交换名片");
    assertThat(lead.get("processInstanceId").isNull()).isFalse();
  }

  @Test
  void badRowsOfEveryKindAreReportedByRowColumnValueAndReasonAndTheErrorFileImportsWhenFixed()
      throws Exception {
    List<String> header = List.of("姓名", "手机", "邮箱", "员工数", "预算", "是否决策人", "来源", "省份");
    String mail = "bad." + run + "@example.cn";
    List<List<String>> body = List.of(
        List.of("没有联系方式", "", "", "", "", "", "", "上海"),                    // 2
        List.of("坏邮箱", "", "not-an-email", "", "", "", "", "上海"),              // 3
        List.of("坏手机", "12", "", "", "", "", "", "上海"),                        // 4
        List.of("坏人数", "", "size." + mail, "many", "", "", "", "上海"),          // 5
        List.of("坏预算", "", "budget." + mail, "", "lots", "", "", "上海"),        // 6
        List.of("坏决策", "", "dm." + mail, "", "", "perhaps", "", "上海"),         // 7
        List.of("坏来源", "", "src." + mail, "", "", "", "传真", "上海"),            // 8
        List.of("长" + "名".repeat(200), "", "long." + mail, "", "", "", "", "上海"), // 9
        List.of("", "", "", "", "", "", "", ""),                                    // 10: blank
        List.of("好的", "", "good." + mail, "", "", "", "", "上海"));               // 11
    byte[] file = ImportFiles.csv(rows(header, body));

    long id = admin.start("crm.csv", file, Map.of());
    JsonNode done = admin.awaitEnd(id, WITHIN);
    assertThat(done.get("rowsTotal").asInt()).isEqualTo(9);
    assertThat(done.get("created").asInt()).isEqualTo(1);
    assertThat(done.get("failed").asInt()).isEqualTo(8);

    Map<Integer, List<String>> problems = new HashMap<>();
    for (JsonNode row : rowsOf(id, "FAILED")) {
      List<String> lines = new ArrayList<>();
      row.get("problems").forEach(pr -> lines.add(pr.get("column").asText() + "|"
          + pr.get("field").asText() + "|" + pr.get("value").asText() + "|"
          + pr.get("reason").asText()));
      problems.put(row.get("rowNumber").asInt(), lines);
    }
    assertThat(problems.keySet()).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(problems.get(2)).containsExactlyInAnyOrder(
        "邮箱|email||email or phone is required", "手机|phone||email or phone is required");
    assertThat(problems.get(3)).containsExactly("邮箱|email|not-an-email|must be a well-formed"
        + " email address");
    assertThat(problems.get(4)).containsExactly("手机|phone|12|is not a valid phone number");
    assertThat(problems.get(5)).containsExactly("员工数|companySize|many|must be a whole number");
    assertThat(problems.get(6)).containsExactly("预算|budget|lots|must be a number");
    assertThat(problems.get(7)).containsExactly(
        "是否决策人|decisionMaker|perhaps|must be a boolean (true or false)");
    assertThat(problems.get(8)).singleElement().asString()
        .startsWith("来源|source|传真|must be one of [WEBSITE_FORM");
    assertThat(problems.get(9)).singleElement().asString()
        .startsWith("姓名|name|长").endsWith("|size must be between 0 and 200");

    ResponseEntity<byte[]> errors = admin.download("/api/imports/" + id + "/errors");
    assertThat(errors.getStatusCode().value()).isEqualTo(200);
    assertThat(errors.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("crm-errors.csv");
    List<CSVRecord> records = CSVFormat.EXCEL.parse(new InputStreamReader(
        new ByteArrayInputStream(errors.getBody()), StandardCharsets.UTF_8)).getRecords();
    assertThat(records).hasSize(9);
    assertThat(records.get(0).toList()).endsWith("省份", ColumnMapping.REASON_HEADER);
    assertThat(records.get(3).get(1)).isEqualTo("12");
    assertThat(records.get(3).get(8)).isEqualTo("第 4 行 / row 4: 手机 “12” is not a valid phone"
        + " number");

    // The person fixes the phone of row 4 and uploads the error file as it is otherwise.
    List<List<String>> fixed = new ArrayList<>();
    for (CSVRecord record : records) {
      fixed.add(new ArrayList<>(record.toList()));
    }
    fixed.get(3).set(1, "13912345678".substring(0, 3) + phone(99).substring(3));
    long again = admin.start("crm-errors.csv", ImportFiles.csv(fixed), Map.of());
    JsonNode second = admin.awaitEnd(again, WITHIN);
    assertThat(second.get("created").asInt()).isEqualTo(1);
    assertThat(second.get("failed").asInt()).isEqualTo(7);
    JsonNode created = lead(rowsOf(again, "CREATED").get(0).get("leadId").asLong());
    assertThat(created.get("attributes").has(ColumnMapping.REASON_HEADER)).isFalse();
    assertThat(admin.download("/api/imports/" + id + "/rows").getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void aGbkCsvAUtf8BomCsvWithSemicolonsAndALegacyXlsAreDetectedAndReadAlike() {
    List<String> header = List.of("联系人", "公司", "电话", "地区", "行业");
    List<List<String>> body = List.of(List.of("张伟", "杭州" + run + "零售有限公司", phone(1),
        "浙江省杭州市", "零售"));
    byte[] gbk = ImportFiles.csv(rows(header, body), java.nio.charset.Charset.forName("GBK"),
        false, ',');
    byte[] bom = ImportFiles.csv(rows(header, List.of(List.of("李娜", "宁波" + run + "科技",
        phone(2), "浙江省宁波市", "零售"))), StandardCharsets.UTF_8, true, ';');
    byte[] xls = ImportFiles.xls(rows(header, List.of(List.of("陈静", "苏州" + run + "制造",
        phone(3), "江苏省苏州市", "零售"))), null);

    JsonNode g = admin.preview("名片.csv", gbk, Map.of()).getBody();
    assertThat(g.get("format").asText()).isEqualTo("CSV");
    assertThat(g.get("encoding").asText()).isEqualTo("GBK");
    assertThat(g.get("bom").asBoolean()).isFalse();
    assertThat(g.get("delimiter").asText()).isEqualTo("comma");
    assertThat(g.get("rows").get(0).get("lead").get("name").asText()).isEqualTo("张伟");
    JsonNode b = admin.preview("名片.csv", bom, Map.of()).getBody();
    assertThat(b.get("encoding").asText()).isEqualTo("UTF-8");
    assertThat(b.get("bom").asBoolean()).isTrue();
    assertThat(b.get("delimiter").asText()).isEqualTo("semicolon");
    assertThat(b.get("header").get(0).asText()).isEqualTo("联系人");
    JsonNode x = admin.preview("名片.xls", xls, Map.of()).getBody();
    assertThat(x.get("format").asText()).isEqualTo("XLS");
    assertThat(x.get("rows").get(0).get("lead").get("phone").asText()).isEqualTo("+86" + phone(3));

    for (byte[] file : List.of(gbk, bom, xls)) {
      long id = admin.start(file == xls ? "名片.xls" : "名片.csv", file,
          Map.of("source", "TRADE_SHOW"));
      JsonNode done = admin.awaitEnd(id, WITHIN);
      assertThat(done.get("created").asInt()).as("%s", done).isEqualTo(1);
      JsonNode lead = lead(rowsOf(id, "CREATED").get(0).get("leadId").asLong());
      assertThat(lead.get("source").asText()).isEqualTo("TRADE_SHOW");
      assertThat(lead.get("company").asText()).contains(run);
      assertThat(lead.get("name").asText()).isIn("张伟", "李娜", "陈静");
    }
    // The GBK upload's error file is GBK again: the reason column reads in Chinese.
  }

  @Test
  void duplicatesWithinTheFileAndAgainstOpenLeadsMergeAlsoWhenTheyDifferInCaseOrPhoneFormat() {
    String mail = "Dup." + run + "@Example.cn";
    JsonNode open = ApiClient.admin(rest).createLead(Map.of("source", "WEBSITE_FORM",
        "email", mail.toLowerCase(), "name", "已有线索"));
    String p = phone(7);
    List<String> header = List.of("姓名", "邮箱", "手机");
    List<List<String>> body = List.of(
        List.of("大小写不同", mail.toUpperCase(), ""),                             // 2: the open lead
        List.of("新客户", "", p.substring(0, 3) + " " + p.substring(3, 7) + " " + p.substring(7)), // 3
        List.of("另一个", "other." + run + "@example.cn", ""),                      // 4
        List.of("同一手机", "", "+86-" + p));                                       // 5: as row 3
    long id = admin.start("dups.csv", ImportFiles.csv(rows(header, body)), Map.of());
    JsonNode done = admin.awaitEnd(id, WITHIN);
    assertThat(done.get("created").asInt()).isEqualTo(2);
    assertThat(done.get("merged").asInt()).isEqualTo(2);

    Map<Integer, JsonNode> byRow = new HashMap<>();
    rowsOf(id, null).forEach(r -> byRow.put(r.get("rowNumber").asInt(), r));
    assertThat(byRow.get(2).get("status").asText()).isEqualTo("MERGED");
    assertThat(byRow.get(2).get("leadId").asLong()).isEqualTo(open.get("id").asLong());
    assertThat(byRow.get(2).get("matchedBy").asText()).isEqualTo("contact");
    assertThat(byRow.get(3).get("status").asText()).isEqualTo("CREATED");
    assertThat(byRow.get(5).get("status").asText()).isEqualTo("MERGED");
    assertThat(byRow.get(5).get("leadId").asLong()).isEqualTo(byRow.get(3).get("leadId").asLong());
    assertThat(byRow.get(5).get("duplicateOfRow").asInt()).isEqualTo(3);
    assertThat(lead(open.get("id").asLong()).get("duplicateCount").asInt()).isEqualTo(1);
  }

  @Test
  void uploadingTheSameFileAgainCreatesNothing() {
    List<List<String>> body = List.of(card(20), card(21), card(22));
    byte[] file = ImportFiles.xlsx(rows(HEADER, body));
    long id = admin.start("again.xlsx", file, Map.of());
    admin.awaitEnd(id, WITHIN);
    long leads = jdbc.queryForObject("select count(*) from leads", Long.class);

    ResponseEntity<JsonNode> same = admin.upload("again.xlsx", file, Map.of());
    assertThat(same.getStatusCode().value()).isEqualTo(200);
    assertThat(same.getBody().get("id").asLong()).isEqualTo(id);
    assertThat(same.getBody().get("repeat").asBoolean()).isTrue();

    // The same file with other settings is a new import, whose rows were all taken before.
    long other = admin.start("again.xlsx", file, Map.of("campaign", "another label"));
    JsonNode second = admin.awaitEnd(other, WITHIN);
    assertThat(second.get("skipped").asInt()).isEqualTo(3);
    assertThat(second.get("created").asInt()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from leads", Long.class)).isEqualTo(leads);
  }

  @Test
  void anImportStoppedHalfWayIsResumedAndTakesEveryRowOnce() {
    // Leads that get an owner, so that they leave the pool (which other tests list) alone.
    List<List<String>> body = new ArrayList<>();
    int n = 400;
    for (int i = 0; i < n; i++) {
      body.add(card(i));
    }
    long id = admin.start("resume.csv", ImportFiles.csv(rows(HEADER, body)), Map.of());
    java.time.Instant until = java.time.Instant.now().plus(WITHIN);
    while (admin.get("/api/imports/" + id).getBody().get("processed").asInt() < 40) {
      assertThat(java.time.Instant.now()).isBefore(until);
      ImportClient.pause(20);
    }
    // Another node takes the import over (as if this node had stalled past its lease) ...
    jdbc.update("update imports set worker = 'other-node', lease_until = ? where id = ?",
        java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600)), id);
    int stoppedAt = awaitSteady(id);
    assertThat(stoppedAt).isLessThan(n);
    assertThat(admin.get("/api/imports/" + id).getBody().get("status").asText())
        .isEqualTo("RUNNING");
    // ... and dies: its lease runs out, and this node resumes where the import stopped.
    jdbc.update("update imports set lease_until = ? where id = ?",
        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), id);
    JsonNode done = admin.awaitEnd(id, WITHIN);
    assertThat(done.get("status").asText()).isEqualTo("DONE");
    assertThat(done.get("created").asInt()).isEqualTo(n);
    assertThat(jdbc.queryForObject("select count(*) from import_rows where import_id = ?",
        Integer.class, id)).isEqualTo(n);
    assertThat(jdbc.queryForObject("select count(distinct lead_id) from import_rows where"
        + " import_id = ?", Integer.class, id)).isEqualTo(n);
    assertThat(jdbc.queryForObject("select count(*) from leads where email like ? and owner"
        + " is not null", Integer.class, "card%." + run + "@example.cn")).isEqualTo(n);
  }

  /** The rows taken once they stop growing for two lease renewals. */
  int awaitSteady(long id) {
    int last = -1;
    int steady = 0;
    while (steady < 3) {
      ImportClient.pause(1000);
      int now = admin.get("/api/imports/" + id).getBody().get("processed").asInt();
      steady = now == last ? steady + 1 : 0;
      last = now;
    }
    return last;
  }

  @Test
  void adminsManagersAndKeysWithTheImportPermissionImportOthersAreRefused() {
    byte[] file = ImportFiles.xlsx(rows(HEADER, List.of(card(30))));
    ImportClient rep = ImportClient.as(rest, REPS[0], Teams.PASSWORD);
    assertThat(rep.upload("x.xlsx", file, Map.of()).getStatusCode().value()).isEqualTo(403);
    assertThat(rep.preview("x.xlsx", file, Map.of()).getStatusCode().value()).isEqualTo(403);
    assertThat(rep.get("/api/imports").getStatusCode().value()).isEqualTo(403);
    assertThat(ImportClient.as(rest, null, null).upload("x.xlsx", file, Map.of())
        .getStatusCode().value()).isEqualTo(401);

    apiKeys.ensure("import-test-plain", "plain-integration-key-" + run);
    assertThat(ImportClient.withKey(rest, "plain-integration-key-" + run)
        .upload("x.xlsx", file, Map.of()).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<JsonNode> key = ApiClient.admin(rest).post("/api/api-keys",
        Map.of("name", "importer-" + run, "permissions", List.of("IMPORT")));
    assertThat(key.getStatusCode().value()).isEqualTo(201);
    assertThat(key.getBody().get("permissions").toString()).isEqualTo("[\"IMPORT\"]");
    ImportClient integration = ImportClient.withKey(rest, key.getBody().get("key").asText());
    long byKey = integration.start("x.xlsx", file, Map.of());
    assertThat(integration.awaitEnd(byKey, WITHIN).get("created").asInt()).isEqualTo(1);
    assertThat(integration.get("/api/imports/" + byKey).getBody().get("createdBy").asText())
        .isEqualTo("api-key:importer-" + run);

    // A manager imports into their teams' routing: a row the rules route elsewhere is refused.
    directory.ensureManager("imp.boss", "经理", "导入", "imp.boss@test.example", Teams.PASSWORD,
        TEAM);
    ImportClient manager = ImportClient.as(rest, "imp.boss", Teams.PASSWORD);
    List<String> south = new ArrayList<>(card(31));
    south.set(5, "广东省深圳市");
    long mine = manager.start("mgr.xlsx", ImportFiles.xlsx(rows(HEADER, List.of(card(32),
        south))), Map.of());
    JsonNode done = manager.awaitEnd(mine, WITHIN);
    assertThat(done.get("created").asInt()).isEqualTo(1);
    assertThat(done.get("failed").asInt()).isEqualTo(1);
    JsonNode refused = rowsOf(mine, "FAILED").get(0).get("problems").get(0);
    assertThat(refused.get("field").asText()).isEqualTo("team");
    assertThat(refused.get("reason").asText()).contains("south-china");
    assertThat(manager.get("/api/imports/" + byKey).getStatusCode().value()).isEqualTo(403);
    assertThat(admin.get("/api/imports/" + mine).getStatusCode().value()).isEqualTo(200);
  }

  static String errorOf(ResponseEntity<JsonNode> response) {
    return response.getBody().get("errors").get(0).get("field").asText() + ": "
        + response.getBody().get("errors").get(0).get("message").asText();
  }

  @Test
  void hostileFilesAreRefusedWithAClear4xx() {
    byte[] xlsx = ImportFiles.xlsx(rows(HEADER, List.of(card(40))));
    Map<String, byte[]> refused = new java.util.LinkedHashMap<>();
    refused.put("picture.xlsx", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    refused.put("report.xlsx", "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1));
    refused.put("archive.xlsx", ImportFiles.zip("notes.txt", "hello"));
    refused.put("locked.xlsx", ImportFiles.encryptedXlsx(xlsx));
    refused.put("locked.xls", ImportFiles.xls(rows(HEADER, List.of(card(41))), "geheim"));
    refused.put("bomb.xlsx", ImportFiles.zipBomb(200));
    refused.put("empty.csv", new byte[0]);
    refused.put("blank.csv", "\n\n  \n".getBytes(StandardCharsets.UTF_8));
    refused.put("header-only.csv", "姓名,手机\n".getBytes(StandardCharsets.UTF_8));
    refused.put("no-header.csv", "张三,13800138000\n李四,13900139000\n"
        .getBytes(StandardCharsets.UTF_8));
    refused.put("no-contact.csv", "姓名,公司\n张三,某公司\n".getBytes(StandardCharsets.UTF_8));
    refused.put("broken.csv", "姓名,手机\n\"张三\"x,13800138000\n".getBytes(StandardCharsets.UTF_8));
    refused.put("binary.csv", new byte[] {'a', 0, 'b', 0, 1, 2, 3});
    Map<String, String> answers = new java.util.LinkedHashMap<>();
    long imports = jdbc.queryForObject("select count(*) from imports", Long.class);
    refused.forEach((name, bytes) -> {
      ResponseEntity<JsonNode> response = admin.upload(name, bytes, Map.of());
      assertThat(response.getStatusCode().is4xxClientError()).as(name + ": " + response.getBody())
          .isTrue();
      assertThat(response.getBody().toString()).doesNotContain("Exception").doesNotContain("at io.");
      answers.put(name, response.getStatusCode().value() + " " + errorOf(response));
    });
    assertThat(jdbc.queryForObject("select count(*) from imports", Long.class)).isEqualTo(imports);
    assertThat(answers.get("picture.xlsx")).startsWith("415 file: is an image");
    assertThat(answers.get("report.xlsx")).startsWith("415 file: is a PDF document");
    assertThat(answers.get("archive.xlsx")).startsWith("415 file: is a ZIP archive");
    assertThat(answers.get("locked.xlsx")).startsWith("400 file: is password-protected");
    assertThat(answers.get("locked.xls")).startsWith("400 file: is password-protected");
    assertThat(answers.get("bomb.xlsx")).startsWith("413 file: expands to more than");
    assertThat(answers.get("empty.csv")).startsWith("400 file: is empty");
    assertThat(answers.get("blank.csv")).startsWith("400 file: is empty");
    assertThat(answers.get("header-only.csv")).startsWith("400 file: has a header but no rows");
    assertThat(answers.get("no-header.csv")).startsWith("400 file: the first row is not a header");
    assertThat(answers.get("no-contact.csv")).startsWith("400 file: no column holds an e-mail");
    assertThat(answers.get("broken.csv")).startsWith("400 file: is not a well-formed CSV");
    assertThat(answers.get("binary.csv")).startsWith("415 file: is not a spreadsheet");

    assertThat(admin.upload("x.xlsx", null, Map.of()).getStatusCode().value()).isEqualTo(400);
    ResponseEntity<JsonNode> badSettings = admin.upload("x.xlsx", xlsx, Map.of("source", "FAX",
        "digest", "perhaps", "mapping", "{\"姓名\": \"nickname\"}"));
    assertThat(badSettings.getStatusCode().value()).isEqualTo(400);
    ResponseEntity<JsonNode> badMapping = admin.upload("x.xlsx", xlsx,
        Map.of("mapping", "{\"姓名\": \"nickname\", \"传真\": \"phone\"}"));
    assertThat(badMapping.getStatusCode().value()).isEqualTo(400);
    assertThat(badMapping.getBody().get("errors").toString()).contains("mapping.姓名")
        .contains("mapping.传真");
  }

  @Test
  void theCallerMayMapColumnsThemselves() {
    List<String> header = List.of("客户", "联络号码", "展位", "忽略我");
    byte[] file = ImportFiles.csv(rows(header, List.of(List.of("赵敏", phone(50), "B12", "x"))));
    JsonNode preview = admin.preview("m.csv", file, Map.of("mapping",
        "{\"客户\": \"name\", \"联络号码\": \"phone\", \"展位\": \"attributes.booth\","
            + " \"D\": \"ignore\"}")).getBody();
    JsonNode lead = preview.get("rows").get(0).get("lead");
    assertThat(lead.get("name").asText()).isEqualTo("赵敏");
    assertThat(lead.get("phone").asText()).isEqualTo("+86" + phone(50));
    assertThat(lead.get("attributes").toString()).isEqualTo("{\"booth\":\"B12\"}");
    assertThat(preview.get("problems")).isEmpty();
  }
}
