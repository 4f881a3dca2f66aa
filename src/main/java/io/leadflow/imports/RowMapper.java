package io.leadflow.imports;

import io.leadflow.imports.ColumnMapping.Column;
import io.leadflow.intake.LeadRequest;
import io.leadflow.lead.LeadSource;
import io.leadflow.system.BodyProblems;
import io.leadflow.system.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row as a lead request: each mapped column's text read as its field's type, in the ways
 * spreadsheets write them (是/否, 800人, 100-499 (the lower bound), ¥2,000,000, 200万, 展会), every
 * other column as an attribute. A value that cannot be read is a problem with the API's message
 * for that type, and the field is left empty so that the request's own rules are still checked.
 * Of two columns for the same field the first non-empty one counts and the other is kept as an
 * attribute; tags and notes of several columns are joined.
 */
final class RowMapper {

  /** A row read: the request, the problems of reading it, and where each field came from. */
  record Mapped(LeadRequest request, List<RowProblem> problems, Map<LeadField, Column> fields,
      Map<String, Column> attributes, List<String> cells) {

    /** A problem of the request's field (as the intake names it), placed in its column. */
    RowProblem place(FieldProblem problem) {
      String field = problem.field();
      Column column;
      if (field.startsWith(ColumnMapping.ATTRIBUTES + ".")) {
        column = attributes.get(field.substring(ColumnMapping.ATTRIBUTES.length() + 1));
      } else {
        String name = field.replaceAll("\\[\\d+]$", "");
        column = LeadField.byKey(name).map(fields::get).orElse(null);
      }
      return new RowProblem(column == null ? null : column.header(),
          column == null ? null : column.letter(), field,
          column == null ? null : cell(column), problem.message());
    }

    String cell(Column column) {
      return column.index() < cells.size() ? cells.get(column.index()) : "";
    }
  }

  static final Map<String, LeadSource> SOURCE_NAMES = Map.ofEntries(
      Map.entry("官网表单", LeadSource.WEBSITE_FORM), Map.entry("官网", LeadSource.WEBSITE_FORM),
      Map.entry("官网试用", LeadSource.WEBSITE_TRIAL), Map.entry("试用", LeadSource.WEBSITE_TRIAL),
      Map.entry("线上研讨会", LeadSource.WEBINAR), Map.entry("研讨会", LeadSource.WEBINAR),
      Map.entry("直播", LeadSource.WEBINAR), Map.entry("市场活动", LeadSource.MARKETING_EVENT),
      Map.entry("活动", LeadSource.MARKETING_EVENT), Map.entry("展会", LeadSource.TRADE_SHOW),
      Map.entry("展会名片", LeadSource.TRADE_SHOW), Map.entry("合作伙伴", LeadSource.PARTNER_REFERRAL),
      Map.entry("合作伙伴推荐", LeadSource.PARTNER_REFERRAL),
      Map.entry("渠道推荐", LeadSource.PARTNER_REFERRAL), Map.entry("社交媒体", LeadSource.SOCIAL_MEDIA),
      Map.entry("导入", LeadSource.IMPORT), Map.entry("其他", LeadSource.OTHER),
      Map.entry("其它", LeadSource.OTHER));

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final Pattern RANGE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:-|~|～|—|至|到)\\s*\\d+(?:\\.\\d+)?");

  private final ColumnMapping mapping;
  private final LeadSource defaultSource;

  RowMapper(ColumnMapping mapping, LeadSource defaultSource) {
    this.mapping = mapping;
    this.defaultSource = defaultSource;
  }

  static boolean blank(List<String> cells) {
    return cells.stream().allMatch(c -> c == null || c.isBlank());
  }

  Mapped map(List<String> cells) {
    Map<LeadField, Column> fields = new EnumMap<>(LeadField.class);
    Map<LeadField, String> values = new EnumMap<>(LeadField.class);
    Map<String, Column> attributeColumns = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    for (Column column : mapping.columns()) {
      if (column.field() != null && !"ignored".equals(column.how())) {
        fields.putIfAbsent(column.field(), column); // where a problem of an empty field points
      }
    }
    for (Column column : mapping.columns()) {
      String text = column.index() < cells.size() ? cells.get(column.index()) : null;
      text = text == null ? "" : text.strip();
      if (text.isEmpty() || "ignored".equals(column.how())) {
        continue;
      }
      if (column.field() == LeadField.TAGS) {
        for (String tag : text.split("[,，;；、|\\n]")) {
          if (!tag.isBlank()) tags.add(tag.strip());
        }
      } else if (column.field() == LeadField.NOTES) {
        attributeColumns.putIfAbsent("notes", column);
        notes.add(text);
      } else if (column.field() != null && !values.containsKey(column.field())) {
        fields.put(column.field(), column);
        values.put(column.field(), text);
      } else {
        String key = column.attribute() != null ? column.attribute() : column.header();
        attributeColumns.putIfAbsent(key, column);
        attributes.putIfAbsent(key, text);
      }
    }
    if (!notes.isEmpty()) {
      attributes.put("notes", String.join("; ", notes));
    }
    List<String> copy = List.copyOf(cells.stream().map(c -> c == null ? "" : c).toList());
    List<RowProblem> problems = new ArrayList<>();
    Mapped unread = new Mapped(null, problems, fields, attributeColumns, copy);
    Boolean decisionMaker = read(values, LeadField.DECISION_MAKER, RowMapper::bool,
        Boolean.class, unread);
    Integer companySize = read(values, LeadField.COMPANY_SIZE, RowMapper::size, Integer.class,
        unread);
    BigDecimal budget = read(values, LeadField.BUDGET, RowMapper::money, BigDecimal.class, unread);
    LeadSource source = values.containsKey(LeadField.SOURCE)
        ? read(values, LeadField.SOURCE, RowMapper::source, LeadSource.class, unread)
        : defaultSource;
    LeadRequest request = new LeadRequest(values.get(LeadField.EXTERNAL_ID), source,
        values.get(LeadField.NAME), values.get(LeadField.COMPANY), values.get(LeadField.TITLE),
        decisionMaker, values.get(LeadField.EMAIL), values.get(LeadField.PHONE),
        values.get(LeadField.REGION), values.get(LeadField.CITY), values.get(LeadField.INDUSTRY),
        values.get(LeadField.PRODUCT), companySize, budget,
        tags.isEmpty() ? null : List.copyOf(tags), null,
        attributes.isEmpty() ? null : attributes);
    return new Mapped(request, problems, fields, attributeColumns, copy);
  }

  private interface Reading<T> {
    Optional<T> read(String text);
  }

  private static <T> T read(Map<LeadField, String> values, LeadField field, Reading<T> reading,
      Class<?> type, Mapped row) {
    String text = values.get(field);
    if (text == null) {
      return null;
    }
    Optional<T> value = reading.read(text);
    if (value.isEmpty()) {
      Column column = row.fields().get(field);
      row.problems().add(new RowProblem(column.header(), column.letter(), field.key, text,
          BodyProblems.mustBe(type)));
    }
    return value.orElse(null);
  }

  static Optional<Boolean> bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1", "是", "是的", "√", "✓", "有" -> Optional.of(true);
      case "false", "no", "n", "0", "否", "不是", "×", "✗", "无" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /** 800, 1,200, 800人, 500+, 1000以上, 100-499 (the lower bound), 1.2万. */
  static Optional<Integer> size(String text) {
    String plain = text.replaceAll("[\\s,，]", "").replaceAll("(人|名|\\+|以上|左右|约)", "");
    Matcher range = RANGE.matcher(plain);
    if (range.matches()) {
      plain = range.group(1);
    }
    return scaled(plain).filter(n -> n.signum() >= 0 && n.scale() <= 0
            && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0)
        .map(BigDecimal::intValueExact);
  }

  /** 2000000, 2,000,000, ¥2000000, 200万, 200万元, 1.5亿, RMB 50k. */
  static Optional<BigDecimal> money(String text) {
    String plain = text.replaceAll("[\\s,，]", "").replaceAll("(?i)^(¥|￥|rmb|cny)", "")
        .replaceAll("(?i)(元|rmb|cny)$", "");
    return scaled(plain);
  }

  private static Optional<BigDecimal> scaled(String plain) {
    BigDecimal factor = BigDecimal.ONE;
    if (plain.endsWith("万") || plain.endsWith("w") || plain.endsWith("W")) {
      factor = BigDecimal.valueOf(10_000);
    } else if (plain.endsWith("亿")) {
      factor = BigDecimal.valueOf(100_000_000);
    } else if (plain.endsWith("k") || plain.endsWith("K")) {
      factor = BigDecimal.valueOf(1_000);
    }
    String digits = factor.equals(BigDecimal.ONE) ? plain : plain.substring(0, plain.length() - 1);
    if (!NUMBER.matcher(digits).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(digits).multiply(factor).stripTrailingZeros())
        .map(n -> n.scale() < 0 ? n.setScale(0) : n);
  }

  static Optional<LeadSource> source(String text) {
    String code = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (LeadSource source : LeadSource.values()) {
      if (source.name().equals(code)) {
        return Optional.of(source);
      }
    }
    return Optional.ofNullable(SOURCE_NAMES.get(text.strip()));
  }
}
