package io.leadflow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * What the HTTP channels share: a JSON POST whose every failure (error status, timeout, no
 * connection) becomes a {@link DeliveryFailedException}, and the robots' errcode check. Messages
 * and logs never hold credentials: the URL is not part of them, and every secret the caller names
 * is blanked out of what the peer answered.
 */
final class ChannelHttp {

  static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON,
      StandardCharsets.UTF_8);

  private static final Logger log = LoggerFactory.getLogger(ChannelHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIPPET_LENGTH = 300;
  /** Shorter query values (a page number, a flag) are no credentials and stay readable. */
  private static final int SECRET_MIN_LENGTH = 6;

  private ChannelHttp() {}

  /** {@link #postJson(RestClient, URI, Consumer, Object, String, Collection)} without headers. */
  static String postJson(RestClient client, URI uri, Object body, String peer,
      Collection<String> secrets) {
    return postJson(client, uri, headers -> {}, body, peer, secrets);
  }

  /**
   * POSTs {@code body} as JSON (UTF-8) to {@code uri}.
   *
   * @param headers adds the peer's own headers
   * @param peer who is called, for the messages ("DingTalk robot for team east-china")
   * @param secrets values that must not appear in a message (tokens, keys, header values)
   * @return the answer's body on a 2xx status
   * @throws DeliveryFailedException on any other status, a timeout or an I/O error
   */
  static String postJson(RestClient client, URI uri, Consumer<HttpHeaders> headers, Object body,
      String peer, Collection<String> secrets) {
    log.debug("POST {} ({})", masked(uri), peer);
    Answer answer;
    try {
      answer = client.post()
          .uri(uri)
          .contentType(JSON_UTF8)
          .accept(MediaType.APPLICATION_JSON)
          .headers(headers)
          .body(body)
          .exchange((request, response) -> new Answer(response.getStatusCode().value(),
              StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
    } catch (RestClientException e) {
      throw new DeliveryFailedException(peer + ": " + describe(e, secrets), e);
    }
    log.debug("{} answered HTTP {}", peer, answer.status());
    if (answer.status() < 200 || answer.status() > 299) {
      throw new DeliveryFailedException(peer + " answered HTTP " + answer.status() + ": "
          + snippet(answer.body(), secrets));
    }
    return answer.body();
  }

  /**
   * Checks a DingTalk or WeCom robot's answer, {"errcode":0,"errmsg":"ok"} on success.
   *
   * @throws DeliveryFailedException for another errcode or an answer without one
   */
  static void requireErrcodeZero(String answer, String peer, Collection<String> secrets) {
    JsonNode json;
    try {
      json = JSON.readTree(answer);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.path("errcode").canConvertToLong()) {
      throw new DeliveryFailedException(peer + " gave an answer without errcode: "
          + snippet(answer, secrets));
    }
    long errcode = json.path("errcode").asLong();
    if (errcode != 0) {
      throw new DeliveryFailedException(peer + " refused: errcode " + errcode + " "
          + snippet(json.path("errmsg").asText(), secrets));
    }
  }

  /** The query's values of {@code uri}, as sent and decoded: what to keep out of messages. */
  static Set<String> queryValues(URI uri) {
    Set<String> values = new HashSet<>();
    if (uri != null && uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String value = pair.substring(pair.indexOf('=') + 1);
        values.add(value);
        values.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** scheme://host/path with the query (where robots keep their token) replaced by "?***". */
  private static String masked(URI uri) {
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?***");
  }

  private static String describe(RestClientException e, Collection<String> secrets) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpConnectTimeoutException) {
        return "connect timeout, no connection within the configured time";
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
        return "timeout, no answer within the read timeout";
      }
      if (cause instanceof ConnectException) {
        return "connection error, the connection was refused or the host is unreachable";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    // Not e's own message: RestClient's exceptions quote the URL with its token.
    String detail = root == e || root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + redact(root.getMessage(), secrets);
    return "connection error (" + detail + ")";
  }

  private static String snippet(String text, Collection<String> secrets) {
    String redacted = redact(text == null ? "" : text.strip(), secrets);
    return redacted.length() <= SNIPPET_LENGTH ? redacted
        : redacted.substring(0, SNIPPET_LENGTH) + "…";
  }

  private static String redact(String text, Collection<String> secrets) {
    String redacted = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= SECRET_MIN_LENGTH) {
        redacted = redacted.replace(secret, "***");
      }
    }
    return redacted;
  }

  private record Answer(int status, String body) {}
}
