package io.leadflow.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * The message texts: Mustache templates per event and language, e.g.
 * {@code lead-assigned.zh-CN.subject.mustache} (one line) and {@code lead-assigned.zh-CN.md.mustache}
 * (Markdown: what the chat robots post and the e-mail's text part), and the e-mail's HTML frame
 * {@code email.<lang>.html.mustache} around the Markdown rendered as HTML.
 *
 * <p>The built-in templates are in {@code classpath:notifications/}. A file of the same name in
 * {@code leadflow.notifications.templates-dir} replaces one; it is read again when it changes, so
 * an operator edits texts without a rebuild or a restart. A language without its own template
 * falls back to its base language, then to the default locale's.
 */
@Component
class Templates {

  record Rendered(String subject, String markdown, String html) {}

  private record Compiled(Template template, long modified) {}

  private static final String BUILT_IN = "notifications/";

  // Empty and missing facts render as nothing, and {{#fact}} sections only show when it is set.
  private final Mustache.Compiler html =
      Mustache.compiler().nullValue("").emptyStringIsFalse(true);
  private final Mustache.Compiler text = html.escapeHTML(false);
  // Lead data is untrusted: HTML in it is shown as text, and only safe link schemes survive.
  private final Parser markdown = Parser.builder().build();
  private final HtmlRenderer markdownToHtml =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private final NotificationProperties properties;
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  Templates(NotificationProperties properties) {
    this.properties = properties;
  }

  /** The event's subject and body for this language, from the facts in the model. */
  Rendered render(NotificationEvent event, Locale locale, Map<String, ?> model) {
    String subject = render(text, event.templateName(), locale, "subject", model).strip();
    String body = render(text, event.templateName(), locale, "md", model).strip() + "\n";
    String htmlBody = markdownToHtml.render(markdown.parse(body));
    Map<String, Object> frame = new HashMap<>(model);
    frame.put("subject", subject);
    frame.put("body", htmlBody);
    return new Rendered(subject, body, render(html, "email", locale, "html", frame));
  }

  private String render(Mustache.Compiler compiler, String name, Locale locale, String kind,
      Map<String, ?> model) {
    for (String tag : languages(locale)) {
      String file = name + "." + tag + "." + kind + ".mustache";
      Template template = template(compiler, file);
      if (template != null) {
        return template.execute(model);
      }
    }
    throw new IllegalStateException("No template " + name + ".<" + String.join("|",
        languages(locale)) + ">." + kind + ".mustache in " + where());
  }

  private List<String> languages(Locale locale) {
    Set<String> tags = new LinkedHashSet<>();
    for (Locale l : List.of(locale, properties.defaultLocale())) {
      tags.add(l.toLanguageTag());
      tags.add(l.getLanguage());
    }
    return new ArrayList<>(tags);
  }

  private Template template(Mustache.Compiler compiler, String file) {
    Path override = properties.templatesDir() == null ? null
        : properties.templatesDir().resolve(file);
    if (override != null && Files.isRegularFile(override)) {
      try {
        long modified = Files.getLastModifiedTime(override).toMillis();
        Compiled compiled = cache.get(override.toString());
        if (compiled == null || compiled.modified() != modified) {
          compiled = new Compiled(compiler.compile(Files.readString(override)), modified);
          cache.put(override.toString(), compiled);
        }
        return compiled.template();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read template " + override, e);
      }
    }
    Compiled builtIn = cache.computeIfAbsent(BUILT_IN + file, path -> {
      try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
        return in == null ? new Compiled(null, 0)
            : new Compiled(compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read template " + path, e);
      }
    });
    return builtIn.template();
  }

  private String where() {
    return properties.templatesDir() == null ? "classpath:" + BUILT_IN
        : properties.templatesDir() + " or classpath:" + BUILT_IN;
  }
}
