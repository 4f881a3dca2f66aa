package io.leadflow.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every bad field of a JSON body in one 400, not just the first: a value of the wrong type or an
 * unknown code ({@code "source": "FAX"}) is noted with its path and read as absent, the body is
 * read on, and when anything was noted the body's constraints are checked too and all problems
 * are answered together ({@link InvalidRequestException}). Only while a request body is read for
 * a controller: anywhere else Jackson fails at the first problem, as it always does.
 *
 * <p>While a body is read, every text and time in it is also held to {@link InputLimits}: a
 * control character or a time outside LeadFlow's range is noted for its field the same way.
 */
@ControllerAdvice
public class BodyProblems extends RequestBodyAdviceAdapter {

  private static final String ATTRIBUTE = BodyProblems.class.getName();

  private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
      Integer.class, "a whole number", int.class, "a whole number", Long.class, "a whole number",
      long.class, "a whole number", BigDecimal.class, "a number", Double.class, "a number",
      Boolean.class, "a boolean (true or false)", boolean.class, "a boolean (true or false)",
      Instant.class, "an ISO-8601 timestamp such as 2026-11-23T09:30:00Z",
      String.class, "a string");

  private final Validator validator;

  BodyProblems(Validator validator) {
    this.validator = validator;
  }

  /** What a value of this type must be, for a problem's message. */
  public static String mustBe(Class<?> type) {
    if (type.isEnum()) {
      return "must be one of " + Arrays.toString(type.getEnumConstants());
    }
    if (List.class.isAssignableFrom(type)) {
      return "must be a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "must be a JSON object";
    }
    return "must be " + TYPE_NAMES.getOrDefault(type, "a " + type.getSimpleName());
  }

  @Bean
  static Jackson2ObjectMapperBuilderCustomizer collectBodyProblems() {
    return builder -> builder.postConfigurer(mapper -> mapper.addHandler(new Collector())
        .registerModule(new SimpleModule("InputLimits").setDeserializerModifier(new Limits())));
  }

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter,
      Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(ATTRIBUTE, new ArrayList<FieldProblem>(), RequestAttributes.SCOPE_REQUEST);
    }
    return input;
  }

  @Override
  public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter,
      Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
    List<FieldProblem> problems = collected();
    RequestContextHolder.currentRequestAttributes().removeAttribute(ATTRIBUTE,
        RequestAttributes.SCOPE_REQUEST);
    if (problems == null || problems.isEmpty()) {
      return body;
    }
    List<FieldProblem> all = new ArrayList<>(problems);
    for (ConstraintViolation<Object> violation
        : body == null ? List.<ConstraintViolation<Object>>of() : validator.validate(body)) {
      String field = fieldOf(violation);
      if (problems.stream().noneMatch(p -> field.equals(p.field())
          || field.startsWith(p.field() + ".") || field.startsWith(p.field() + "["))) {
        all.add(new FieldProblem(field, violation.getMessage()));
      }
    }
    all.sort(Comparator.comparing(FieldProblem::field));
    throw new InvalidRequestException(all);
  }

  /** The JSON path of a violation: activities[0].type, attributes.color. */
  public static String fieldOf(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "")
        .replaceAll("<[^>]+>", "");
  }

  @SuppressWarnings("unchecked")
  private static List<FieldProblem> collected() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    return request == null ? null
        : (List<FieldProblem>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
  }

  /** Notes the problem and reads the value as absent, while a body is being read; else fails. */
  static final class Collector extends DeserializationProblemHandler {

    @Override
    public Object handleWeirdStringValue(DeserializationContext context, Class<?> type,
        String value, String failure) {
      return note(context.getParser().getParsingContext(), type);
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext context, Class<?> type,
        Number value, String failure) {
      return note(context.getParser().getParsingContext(), type);
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext context, JavaType type,
        JsonToken token, JsonParser parser, String failure) throws IOException {
      if (collected() == null || type.isPrimitive()) {
        return NOT_HANDLED;
      }
      JsonStreamContext where = parser.getParsingContext();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        where = where.getParent(); // the value's own context is open; its name is its parent's
        parser.skipChildren();
      }
      return note(where, type.getRawClass());
    }

    private static Object note(JsonStreamContext where, Class<?> type) {
      List<FieldProblem> problems = collected();
      if (problems == null || type.isPrimitive()) {
        return NOT_HANDLED;
      }
      problems.add(new FieldProblem(path(where), mustBe(type)));
      return null;
    }

    /** activities[0].type for the value being read in this context. */
    static String path(JsonStreamContext context) {
      Deque<String> parts = new ArrayDeque<>();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray()) {
          parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
        } else if (c.getCurrentName() != null) {
          parts.push(c.getCurrentName());
        }
      }
      StringBuilder path = new StringBuilder();
      for (String part : parts) {
        path.append(path.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
      }
      return path.toString();
    }
  }

  /** Wraps the readers of texts and times with the check of {@link InputLimits}. */
  static final class Limits extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config,
        BeanDescription description, JsonDeserializer<?> deserializer) {
      Class<?> type = description.getBeanClass();
      return type == String.class || type == Instant.class ? new Checked(deserializer)
          : deserializer;
    }
  }

  /** Notes a text or time that breaks {@link InputLimits} and reads it as absent. */
  static final class Checked extends DelegatingDeserializer {

    Checked(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Checked(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonStreamContext where = parser.getParsingContext();
      Object value = super.deserialize(parser, context);
      List<FieldProblem> problems = collected();
      if (problems == null) {
        return value;
      }
      String problem = value instanceof String text ? InputLimits.textProblem(text)
          : value instanceof Instant time ? InputLimits.timeProblem(time) : null;
      if (problem == null) {
        return value;
      }
      problems.add(new FieldProblem(Collector.path(where), problem));
      return null;
    }
  }
}
