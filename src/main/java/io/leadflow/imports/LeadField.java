package io.leadflow.imports;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lead fields a column can hold, each known by its Chinese and English names and their common
 * variants (as trade show scanners, spreadsheets and CRM exports name them). A header matches when
 * it equals a name after {@link #normalise}: letter case, spaces, punctuation and a note in
 * brackets ("手机号（必填）", "Budget (CNY)") do not count.
 */
enum LeadField {
  EXTERNAL_ID("externalId", "编号", "线索编号", "客户编号", "外部编号", "线索ID", "客户ID", "external id",
      "crm id", "lead id", "record id", "id"),
  NAME("name", "姓名", "联系人", "联系人姓名", "客户姓名", "名字", "name", "contact", "contact name",
      "full name"),
  COMPANY("company", "公司", "公司名称", "单位", "单位名称", "企业", "企业名称", "客户名称", "company",
      "company name", "organization", "organisation", "account", "account name"),
  TITLE("title", "职位", "职务", "头衔", "title", "job title", "position"),
  DECISION_MAKER("decisionMaker", "决策人", "是否决策人", "关键决策人", "decision maker"),
  EMAIL("email", "邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址", "email", "e-mail", "mail",
      "email address"),
  PHONE("phone", "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "移动电话", "联系方式",
      "mobile", "phone", "phone number", "mobile phone", "tel", "telephone", "cell"),
  REGION("region", "省份", "省", "地区", "区域", "所在地区", "省市", "所在地", "region", "province",
      "state", "area"),
  CITY("city", "城市", "所在城市", "市", "city"),
  INDUSTRY("industry", "行业", "所属行业", "industry"),
  PRODUCT("product", "意向产品", "产品", "感兴趣的产品", "意向", "product", "product interest",
      "interest"),
  COMPANY_SIZE("companySize", "员工数", "员工人数", "公司规模", "企业规模", "人数", "规模",
      "company size", "employees", "headcount", "size"),
  BUDGET("budget", "预算", "预算金额", "budget"),
  SOURCE("source", "来源", "线索来源", "渠道", "source", "lead source", "channel"),
  TAGS("tags", "标签", "tags", "tag", "labels"),
  /** Kept as the lead's attribute {@code notes}. */
  NOTES("notes", "备注", "说明", "留言", "notes", "note", "remark", "remarks", "comment",
      "comments");

  private static final Map<String, LeadField> BY_NAME = new HashMap<>();

  static {
    for (LeadField field : values()) {
      for (String name : field.names) {
        BY_NAME.put(normalise(name), field);
      }
    }
  }

  /** The field's name in the API (LeadRequest) and in a mapping. */
  final String key;
  final List<String> names;

  LeadField(String key, String... names) {
    this.key = key;
    this.names = List.of(names);
  }

  static Optional<LeadField> byHeader(String header) {
    return Optional.ofNullable(BY_NAME.get(normalise(header)));
  }

  static Optional<LeadField> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  /** 手机号（必填） → 手机号; E-Mail * → email; Budget (CNY) → budget. */
  static String normalise(String header) {
    return header == null ? "" : header.toLowerCase(Locale.ROOT)
        .replaceAll("[(（\\[【].*?[)）\\]】]", "")
        .replaceAll("[\\s_\\-.:：*＊/]", "");
  }
}
