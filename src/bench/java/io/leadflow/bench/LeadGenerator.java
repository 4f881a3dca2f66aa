package io.leadflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic, varied lead bodies for POST /api/leads: regions, industries, products, sources,
 * activities, budgets and company sizes are drawn so that every rule of LeadRouting.dmn and every
 * assignment strategy is hit (strategic WEIGHTED, east-china and mfg-mes ROUND_ROBIN, south-china
 * and manufacturing LOAD_BALANCED, and the pool). Lead {@code i} is a pure function of the run id,
 * the seed and {@code i}, so its phone and e-mail can be sent again as a duplicate.
 */
final class LeadGenerator {

  private static final String[] REGIONS = {
      "上海市浦东新区", "上海市徐汇区", "江苏省苏州市", "江苏省南京市", "浙江省杭州市", "浙江省宁波市",
      "广东省深圳市", "广东省广州市", "福建省厦门市", "北京市海淀区", "北京市朝阳区", "四川省成都市",
      "湖北省武汉市", "天津市滨海新区", "山东省青岛市"};
  private static final String[] CITIES = {
      "上海", "上海", "苏州", "南京", "杭州", "宁波", "深圳", "广州", "厦门", "北京", "北京", "成都",
      "武汉", "天津", "青岛"};
  private static final String[] INDUSTRIES = {
      "制造业", "制造业", "金融", "零售", "互联网", "医疗", "教育", "物流", "能源"};
  private static final String[] PRODUCTS = {"MES", "MES", "ERP", "WMS", "CRM", "BI", "SCM"};
  private static final String[] SOURCES = {
      "WEBSITE_FORM", "WEBSITE_FORM", "WEBSITE_TRIAL", "WEBINAR", "MARKETING_EVENT", "TRADE_SHOW",
      "PARTNER_REFERRAL", "PARTNER_REFERRAL", "WEBSITE_TRIAL", "SOCIAL_MEDIA", "API", "IMPORT", "OTHER"};
  private static final String[] ACTIVITIES = {
      "PRICING_PAGE_VIEW", "CASE_STUDY_DOWNLOAD", "WEBSITE_VISIT", "WEBSITE_VISIT",
      "WHITEPAPER_DOWNLOAD", "WEBINAR_ATTENDED"};
  private static final String[] TITLES = {
      "采购经理", "IT总监", "生产总监", "CTO", "CEO", "运营经理", "工程师", "财务总监"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "杰"};
  private static final String[] COMPANY_SUFFIX = {
      "精密制造有限公司", "科技有限公司", "信息技术有限公司", "集团股份有限公司", "实业有限公司"};
  private static final String[] MOBILE_PREFIX = {"138", "139", "135", "136", "150", "151", "186", "187"};
  private static final long[] BUDGETS = {0, 50_000, 500_000, 1_000_000, 1_500_000, 3_000_000, 8_000_000};

  private final String runId;
  private final long seed;
  private final Instant now = Instant.now();

  LeadGenerator(String runId, long seed) {
    this.runId = runId;
    this.seed = seed;
  }

  /** Lead i's e-mail address: unique per run. */
  String email(int i) {
    return "lead" + i + "." + runId + "@bench.example.cn";
  }

  /** Lead i's mobile number (valid for libphonenumber, unique per run for i below 10^8). */
  String phone(int i) {
    long n = (Math.abs(runId.hashCode()) * 7919L + i) % 100_000_000L;
    return MOBILE_PREFIX[i % MOBILE_PREFIX.length] + String.format(" %04d %04d", n / 10_000, n % 10_000);
  }

  /**
   * A new lead. With {@code owned}, the lead is made to score above 60 and to match a team's rule
   * (East or South China, or manufacturing), so it gets an owner and a follow-up SLA timer.
   */
  Map<String, Object> lead(int i, boolean owned) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    // A quarter of the leads are cold (random signals, most end in the pool), half are warm (a
    // decision maker of a large company with budget who saw the prices: a team's rule), a quarter
    // are hot (also a partner referral with repeated visits: often strategic accounts).
    int tier = owned ? 1 : r.nextInt(4);
    boolean cold = tier == 0;
    boolean hot = tier == 3;
    Map<String, Object> body = new LinkedHashMap<>();
    String source = owned || hot ? "PARTNER_REFERRAL" : pick(r, SOURCES);
    int region = owned ? r.nextInt(9) : r.nextInt(REGIONS.length);
    String industry = pick(r, INDUSTRIES);
    if (owned && !industry.equals("制造业") && !industry.equals("金融")) {
      industry = "零售";
    }
    if (source.equals("API") || source.equals("IMPORT") || r.nextInt(4) == 0) {
      body.put("externalId", "bench-" + runId + "-" + i);
    }
    body.put("source", source);
    body.put("name", pick(r, SURNAMES) + pick(r, GIVEN) + (r.nextBoolean() ? pick(r, GIVEN) : ""));
    body.put("company", CITIES[region] + pick(r, COMPANY_SUFFIX));
    body.put("title", pick(r, TITLES));
    body.put("decisionMaker", !cold || r.nextInt(10) < 4);
    // Most leads give both contacts, some only one of them.
    int contacts = r.nextInt(10);
    if (contacts < 8 || owned) {
      body.put("email", email(i));
      body.put("phone", phone(i));
    } else if (contacts == 8) {
      body.put("email", email(i));
    } else {
      body.put("phone", phone(i));
    }
    body.put("region", REGIONS[region]);
    body.put("city", CITIES[region]);
    body.put("industry", industry);
    body.put("product", pick(r, PRODUCTS));
    body.put("companySize", cold ? 10 + r.nextInt(r.nextBoolean() ? 300 : 5000) : 501 + r.nextInt(8000));
    long budget = cold ? BUDGETS[r.nextInt(BUDGETS.length)] : BUDGETS[3 + r.nextInt(BUDGETS.length - 3)];
    if (budget > 0) {
      body.put("budget", budget);
    }
    body.put("tags", List.of("benchmark", r.nextBoolean() ? "inbound" : "outbound"));
    body.put("activities", activities(r, !cold, hot));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("utm_campaign", "bench-" + (i % 7));
    attributes.put("bench_run", runId);
    body.put("attributes", attributes);
    return body;
  }

  /**
   * A repeat of lead {@code earlier}: the same person (by phone or by e-mail) comes in again through
   * another channel with new activities. LeadFlow answers 200 with the existing open lead.
   */
  Map<String, Object> duplicateOf(int earlier, int i) {
    SplittableRandom r = new SplittableRandom(seed * 31L + i);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", pick(r, SOURCES));
    body.put("name", pick(r, SURNAMES) + pick(r, GIVEN));
    // Lead `earlier` always has at least one of them; send the one it has (or both).
    Map<String, Object> original = lead(earlier, false);
    if (original.containsKey("phone")) {
      body.put("phone", original.get("phone"));
    }
    if (!original.containsKey("phone") || r.nextBoolean()) {
      body.put("email", original.get("email"));
    }
    body.put("region", original.get("region"));
    body.put("activities", activities(r, false, false));
    return body;
  }

  private List<Map<String, Object>> activities(SplittableRandom r, boolean pricing, boolean visits) {
    List<Map<String, Object>> list = new ArrayList<>();
    if (pricing) {
      list.add(Map.of("type", "PRICING_PAGE_VIEW"));
    }
    if (visits) {
      list.add(Map.of("type", "WEBSITE_VISIT", "at", now.minus(Duration.ofDays(2)).toString()));
      list.add(Map.of("type", "WEBSITE_VISIT", "at", now.minus(Duration.ofDays(9)).toString()));
    }
    int n = r.nextInt(4);
    for (int k = 0; k < n; k++) {
      Instant at = now.minus(Duration.ofHours(r.nextInt(24 * 60)));
      list.add(Map.of("type", pick(r, ACTIVITIES), "at", at.toString()));
    }
    return list;
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
