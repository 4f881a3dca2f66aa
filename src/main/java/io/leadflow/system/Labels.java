package io.leadflow.system;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people read instead of codes: reasons, sources and strategies, durations, times, phone
 * numbers and names, in zh-CN, English or both ("中文 / English", as the Tasklist forms and
 * LeadFlow's group names are written). {@code language} is a locale whose language is zh or en, or
 * null for both.
 */
public final class Labels {

  private Labels() {}

  /** How names in two languages are written: "华东销售团队 / East China sales". */
  public static final String SEPARATOR = " / ";

  /** The name of the pool of leads no team's rule took (team pool). */
  public static final String GENERAL_POOL = "公海 / General pool";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Pattern CODE =
      Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b[A-Z]{3,}\\b");
  private static final Pattern REPEATED = Pattern.compile("^([^:;]+): \\1(?=;|$)");

  /** The codes LeadFlow writes into reasons and facts, with their zh-CN and English labels. */
  private static final Map<String, String[]> CODES = new LinkedHashMap<>();

  static {
    code("ROUTED_TO_POOL", "分配规则转入公海", "routed to the pool");
    code("NO_ROUTING_RULE_MATCHED", "没有匹配的分配规则", "no routing rule matched");
    code("NO_ELIGIBLE_REP", "团队无可接收线索的销售", "nobody in the team could take it");
    code("SLA_MISSED", "未在跟进时限内跟进，已收回公海", "not followed up in time, reclaimed");
    code("SLA_REMINDER", "跟进时限已过半", "half the follow-up time has passed");
    code("CLAIMED_FROM_POOL", "从公海认领", "claimed from the pool");
    code("REASSIGNED", "已转派", "reassigned");
    code("SKIPPED_UNAVAILABLE", "跳过（停用）", "skipped (inactive)");
    code("SKIPPED_OUT_OF_OFFICE", "跳过（休假）", "skipped (out of office)");
    code("SKIPPED_FULL", "跳过（线索已满）", "skipped (full)");
    code("ROUND_ROBIN", "轮流分配", "round robin");
    code("LOAD_BALANCED", "按负载分配", "load balanced");
    code("WEIGHTED", "按权重分配", "weighted");
    code("WEBSITE_FORM", "官网表单", "website form");
    code("WEBSITE_TRIAL", "官网试用", "website trial");
    code("WEBINAR", "线上研讨会", "webinar");
    code("MARKETING_EVENT", "市场活动", "marketing event");
    code("TRADE_SHOW", "展会", "trade show");
    code("PARTNER_REFERRAL", "合作伙伴推荐", "partner referral");
    code("SOCIAL_MEDIA", "社交媒体", "social media");
    code("IMPORT", "批量导入", "import");
    code("OTHER", "其他", "other");
    code("NEW", "新线索", "new");
    code("MQL", "市场认可线索", "marketing-qualified");
    code("SQL", "销售认可线索", "sales-accepted");
    code("OPPORTUNITY", "商机", "opportunity");
    code("CUSTOMER", "客户", "customer");
    code("LOST", "已流失", "lost");
    code("NURTURE", "培育中", "nurture");
  }

  private static void code(String code, String zh, String en) {
    CODES.put(code, new String[] {zh, en});
  }

  /** zh-CN for Chinese, English for everything else, or both when {@code language} is null. */
  public static String pick(String zh, String en, Locale language) {
    if (language == null) {
      return zh + SEPARATOR + en;
    }
    return "zh".equals(language.getLanguage()) ? zh : en;
  }

  /**
   * A text in LeadFlow's two languages ("中文 / English") in one of them: the part before the
   * separator for Chinese, the one after for everybody else; a text without both stays as it is.
   */
  public static String part(String bilingual, Locale language) {
    if (bilingual == null || language == null) {
      return bilingual;
    }
    int at = bilingual.indexOf(SEPARATOR);
    if (at < 0) {
      return bilingual;
    }
    return "zh".equals(language.getLanguage()) ? bilingual.substring(0, at).trim()
        : bilingual.substring(at + SEPARATOR.length()).trim();
  }

  /**
   * A reason, source, stage or strategy with its codes put into words: every code with an
   * underscore (ROUTED_TO_POOL, SKIPPED_FULL, PARTNER_REFERRAL), and a code the text starts with
   * (WEIGHTED, SQL); a rep's id and the words of a rule or a person (often in both languages
   * already) stay as they are. With both languages (null), each code reads "中文 / English".
   */
  public static String reason(String text, Locale language) {
    if (text == null || text.isBlank()) {
      return text;
    }
    Matcher codes = CODE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (codes.find()) {
      String[] label = CODES.get(codes.group());
      boolean translated = label != null
          && (codes.group().indexOf('_') > 0 || codes.start() == 0);
      codes.appendReplacement(out, Matcher.quoteReplacement(
          translated ? pick(label[0], label[1], language) : codes.group()));
    }
    codes.appendTail(out);
    // "NO_ELIGIBLE_REP: NO_ELIGIBLE_REP; SKIPPED_FULL: a" says it once.
    return REPEATED.matcher(out).replaceFirst("$1");
  }

  /** An ISO-8601 duration as "24 小时", "3 天", "90 分钟" (or hours, days, minutes). */
  public static String duration(String iso, Locale language) {
    if (iso == null || iso.isBlank()) {
      return iso;
    }
    Duration duration;
    try {
      duration = Duration.parse(iso.trim());
    } catch (DateTimeParseException e) {
      return iso;
    }
    long minutes = duration.toMinutes();
    if (minutes % (24 * 60) == 0 && minutes >= 24 * 60 * 2) {
      return amount(minutes / (24 * 60), "天", "day", language);
    }
    if (minutes % 60 == 0 && minutes > 0) {
      return amount(minutes / 60, "小时", "hour", language);
    }
    return amount(minutes, "分钟", "minute", language);
  }

  private static String amount(long n, String zh, String en, Locale language) {
    return pick(n + " " + zh, n + " " + en + (n == 1 ? "" : "s"), language);
  }

  /** A moment as people read it where they are: "2026-12-03 15:51". */
  public static String time(Instant at, ZoneId zone) {
    return at == null ? null : TIME.format(at.atZone(zone));
  }

  /**
   * A phone number for reading: Chinese numbers as dialled at home ("136 5555 0001"), others
   * with their country code ("+49 30 1234567"); anything unreadable as it is.
   */
  public static String phone(String number) {
    if (number == null || number.isBlank()) {
      return number;
    }
    try {
      PhoneNumber parsed = PHONES.parse(number, ContactNormaliser.DEFAULT_REGION);
      if (!PHONES.isValidNumber(parsed)) {
        return number;
      }
      boolean home = ContactNormaliser.DEFAULT_REGION.equals(PHONES.getRegionCodeForNumber(parsed));
      return PHONES.format(parsed, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    } catch (NumberParseException e) {
      return number;
    }
  }
}
