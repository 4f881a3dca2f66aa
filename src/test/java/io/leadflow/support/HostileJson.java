package io.leadflow.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Generators of hostile JSON for the fuzz tests: values of every type where another is expected,
 * control characters and lone surrogates, texts longer than any limit, numbers beyond any range,
 * times far in the past or future, and bodies that are no JSON object at all. JSON is written as
 * text (ASCII, everything else escaped) so that it can hold what no serializer would write.
 */
public final class HostileJson {

  private HostileJson() {}

  /** A JSON string literal with every character outside printable ASCII as a \\u escape. */
  public static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  public static Arbitrary<String> texts() {
    Arbitrary<Character> hostileChars = Arbitraries.oneOf(
        Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.chars().range('\u007f', '\u009f'),
        Arbitraries.chars().range('\ud800', '\udfff'), Arbitraries.chars().alpha(),
        Arbitraries.chars().range('\u4e00', '\u9fa5'), Arbitraries.of('"', '\\', '\'', '%', '{'));
    return weighted(
        w(4, hostileChars.list().ofMaxSize(40).map(chars -> {
          StringBuilder text = new StringBuilder();
          chars.forEach(text::append);
          return text.toString();
        })),
        w(2, Arbitraries.strings().alpha().numeric().ofMinLength(90).ofMaxLength(300)),
        w(1, Arbitraries.strings().ascii().ofMinLength(1000).ofMaxLength(6000)),
        w(3, Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udc00x", "💥", "上海",
            "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "%00",
            "null", "9".repeat(400), "a@b.cn", "13812345678", "east-china", "admin",
            "WEBSITE_FORM", "CALL", "WON", "LOST", "NO_BUDGET", "WEBSITE_VISIT")));
  }

  /** One choice of {@link #weighted}: how often, and what. */
  public static <T> Tuple2<Integer, Arbitrary<T>> w(int weight, Arbitrary<T> arbitrary) {
    return Tuple.of(weight, arbitrary);
  }

  /** One of the choices, each as often as its weight says. */
  @SafeVarargs
  public static <T> Arbitrary<T> weighted(Tuple2<Integer, Arbitrary<T>>... choices) {
    return Arbitraries.frequencyOf(List.of(choices));
  }

  /** Numbers as JSON tokens, some beyond every Java type. */
  public static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigDecimals().ofScale(4).map(Object::toString),
        Arbitraries.of("0", "-0", "-1", "1e999", "-1e999", "1e-999", "12345678901234567890123",
            "0.0000001", "99999999999999999.99", "100000000000000000", "2147483648", "1.5"));
  }

  /** Times as JSON strings: LeadFlow's range, its edges and far outside. */
  public static Arbitrary<String> times() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-31557014167219200L, 31556889864403199L)
            .map(s -> quote(java.time.Instant.ofEpochSecond(s).toString())),
        Arbitraries.longs().between(0, 4102444799L)
            .map(s -> quote(java.time.Instant.ofEpochSecond(s).toString())),
        Arbitraries.of("-999999999-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
            "-4714-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2099-12-31T23:59:59Z",
            "2100-01-01T00:00:00Z", "yesterday", "", "2026-13-45T99:99:99Z",
            "2026-11-23T09:30:00+08:00").map(HostileJson::quote));
  }

  /** Any JSON value, nested up to {@code depth}. */
  public static Arbitrary<String> values(int depth) {
    List<Arbitrary<String>> choices = new ArrayList<>(List.of(
        texts().map(HostileJson::quote), numbers(), times(),
        Arbitraries.of("true", "false", "null")));
    if (depth > 0) {
      choices.add(values(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"));
      choices.add(Arbitraries.maps(texts(), values(depth - 1)).ofMaxSize(3).map(HostileJson::object));
    }
    return Arbitraries.oneOf(choices);
  }

  /** A list of up to {@code max} elements, as JSON: the field's own values or any other. */
  public static Arbitrary<String> listOf(Arbitrary<String> elements, int max) {
    return Arbitraries.oneOf(elements, values(1)).list().ofMaxSize(max)
        .map(l -> "[" + String.join(",", l) + "]");
  }

  /**
   * A body for an endpoint whose fields are these (name: its plausible values): an object with
   * some of them, plausible or hostile, and perhaps fields nobody knows; now and then no object
   * at all, broken JSON, or JSON nested deeper than any parser allows.
   */
  public static Arbitrary<String> bodies(Map<String, Arbitrary<String>> fields) {
    List<Arbitrary<Map.Entry<String, String>>> entries = new ArrayList<>();
    fields.forEach((name, plausible) -> entries.add(weighted(
        w(3, plausible), w(2, values(2))).map(v -> Map.entry(name, v))));
    Arbitrary<String> object = Combinators.combine(
        Arbitraries.subsetOf(entries).flatMap(chosen -> Combinators.combine(
            new ArrayList<>(chosen)).as(list -> list)),
        Arbitraries.maps(texts(), values(1)).ofMaxSize(2))
        .as((known, unknown) -> {
          StringBuilder json = new StringBuilder("{");
          for (Map.Entry<String, String> entry : known) {
            json.append(json.length() > 1 ? "," : "").append(quote(entry.getKey())).append(':')
                .append(entry.getValue());
          }
          unknown.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k))
              .append(':').append(v));
          return json.append('}').toString();
        });
    return weighted(
        w(20, object),
        w(1, values(2)),
        w(1, object.map(json -> json.substring(0, json.length() / 2))),
        w(1, Arbitraries.of("", "{", "}", "{\"a\":}", "nul", "[1,2", "\u0000", "{\"a\":1}x",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"source\":\"API\",\"source\":\"WEBINAR\",\"email\":\"a@b.cn\"}")));
  }

  public static String object(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k)).append(':')
        .append(v));
    return json.append('}').toString();
  }

  /** Content types a client may send with a body, JSON above all. */
  public static Arbitrary<String> contentTypes() {
    return weighted(
        w(12, Arbitraries.just("application/json")),
        w(1, Arbitraries.of("multipart/form-data; boundary=xyz", "multipart/form-data",
            "*/*", "text/plain", "application/json;charset=ISO-8859-1", "application/xml",
            "application/x-www-form-urlencoded", "garbage", "application/*",
            "application/json; charset=nope", "application/problem+json")));
  }
}
