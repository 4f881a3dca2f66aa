package io.leadflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's view of LeadFlow's own pages without the browser: cookies kept (the session and
 * the XSRF-TOKEN), redirects not followed, the CSRF header sent only when asked to.
 */
public final class AppSession {

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  public AppSession(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Opens the login page (which sets the CSRF cookie) and logs in: the answer's status. */
  public int login(String user, String password) {
    get("/app/login.html");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(request("/app/login", true).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)))
        .statusCode();
  }

  public HttpResponse<String> get(String path) {
    return send(request(path, false).GET());
  }

  /** A JSON POST; {@code csrf}: with the X-XSRF-TOKEN header the pages' script sends. */
  public HttpResponse<String> post(String path, String json, boolean csrf) {
    return send(request(path, csrf).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request to this path; with the CSRF header if asked and the cookie is there. */
  public HttpRequest.Builder request(String path, boolean csrf) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    String token = csrfToken();
    if (csrf && token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    return request;
  }

  public String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .orElse(null);
  }
}
