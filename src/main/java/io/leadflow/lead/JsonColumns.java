package io.leadflow.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text columns: portable between PostgreSQL and H2, readable in either's console. */
public final class JsonColumns {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonColumns() {}

  /** The value as the JSON columns store it. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot store value as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is unreadable: " + json, e);
    }
  }

  @Converter
  public static final class StringList implements AttributeConverter<List<String>, String> {
    @Override
    public String convertToDatabaseColumn(List<String> value) {
      return value == null || value.isEmpty() ? null : write(value);
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
      return json == null ? new ArrayList<>() : read(json, new TypeReference<ArrayList<String>>() {});
    }
  }

  @Converter
  static final class ObjectMap implements AttributeConverter<Map<String, Object>, String> {
    @Override
    public String convertToDatabaseColumn(Map<String, Object> value) {
      return value == null || value.isEmpty() ? null : write(value);
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String json) {
      return json == null
          ? new LinkedHashMap<>()
          : read(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
  }
}
