package io.leadflow.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of strings as JSON text (like the lead's tags): portable between PostgreSQL and H2 and
 * readable in either's console. An empty list is stored as NULL.
 */
@Converter
class StringListColumn implements AttributeConverter<List<String>, String> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String convertToDatabaseColumn(List<String> value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot store value as JSON", e);
    }
  }

  @Override
  public List<String> convertToEntityAttribute(String json) {
    if (json == null) {
      return new ArrayList<>();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<ArrayList<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON is unreadable: " + json, e);
    }
  }
}
