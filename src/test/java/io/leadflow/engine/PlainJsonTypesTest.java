package io.leadflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.DataFormats;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.junit.jupiter.api.Test;

/** Spin, as the engine loads it, names plain maps and lists of text by their class alone. */
class PlainJsonTypesTest {

  private final JacksonJsonDataFormat json = (JacksonJsonDataFormat) DataFormats.json();

  @Test
  void plainMapsAndListsOfTextAreNamedByTheirClassAndReadBackEqual() {
    Map<String, Object> attributes = new HashMap<>(Map.of("渠道", "展会", "booth", 12, "vip", true));
    List<String> tags = new ArrayList<>(List.of("需要技术方案", "inbound"));

    assertThat(json.getCanonicalTypeName(attributes)).isEqualTo("java.util.HashMap");
    assertThat(json.getCanonicalTypeName(new LinkedHashMap<>(attributes)))
        .isEqualTo("java.util.LinkedHashMap");
    assertThat(json.getCanonicalTypeName(tags)).isEqualTo("java.util.ArrayList");
    assertThat(json.getCanonicalTypeName(new ArrayList<>())).isEqualTo("java.util.ArrayList");

    assertThat(roundTrip(attributes, "java.util.HashMap")).isEqualTo(attributes);
    assertThat(roundTrip(tags, "java.util.ArrayList")).isEqualTo(tags);
  }

  @Test
  void otherValuesKeepSpinsGenericName() {
    // A list of numbers keeps its element type (read back as Long, not Integer).
    assertThat(json.getCanonicalTypeName(new ArrayList<>(List.of(1L, 2L))))
        .isEqualTo("java.util.ArrayList<java.lang.Long>");
    assertThat(json.getCanonicalTypeName(List.of("immutable")))
        .isNotEqualTo(List.of("immutable").getClass().getName());
  }

  @Test
  void aVariableWrittenWithTheGenericNameIsStillRead() {
    Map<String, Object> attributes = Map.of("region", "上海");
    assertThat(roundTrip(attributes, "java.util.HashMap<java.lang.Object,java.lang.Object>"))
        .isEqualTo(attributes);
  }

  private Object roundTrip(Object value, String typeName) {
    Object internal = json.getMapper().mapJavaToInternal(value);
    return json.getMapper().mapInternalToJava(internal, typeName);
  }
}
