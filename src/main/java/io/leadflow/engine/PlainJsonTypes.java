package io.leadflow.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.camunda.spin.impl.json.jackson.format.AbstractJacksonJsonTypeDetector;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.camunda.spin.spi.DataFormatConfigurator;

/**
 * Names plain JSON maps and lists of text by their class alone ({@code java.util.HashMap}) when
 * the engine stores them as JSON object variables, instead of Spin's generic name
 * ({@code java.util.HashMap<java.lang.Object,java.lang.Object>}).
 *
 * <p>Why: to read an object variable, Spin first tries {@code Class.forName} on the stored type
 * name, and only when that fails parses it as a generic type. A generic name always fails, and on a
 * request thread the class loader is the embedded Tomcat's, which searches the whole application jar
 * before giving up: that miss was a fifth of the cost of each decision that read the lead's
 * attributes or tags (every DMN evaluation reads all variables in scope). A class name is found at
 * once. The value read back is the same: Spin's generic name for a map is {@code <Object,Object>},
 * the same as the raw class, and a list is only named by its class when all its elements are text
 * (a list of anything else keeps Spin's name, which carries its element type). Variables written
 * with the generic name are still read as before.
 *
 * <p>Registered with Spin through {@code META-INF/services/org.camunda.spin.spi.DataFormatConfigurator}.
 */
public class PlainJsonTypes implements DataFormatConfigurator<JacksonJsonDataFormat> {

  @Override
  public Class<JacksonJsonDataFormat> getDataFormatClass() {
    return JacksonJsonDataFormat.class;
  }

  @Override
  public void configure(JacksonJsonDataFormat format) {
    format.addTypeDetector(new Detector()); // consulted before Spin's own detectors
  }

  static class Detector extends AbstractJacksonJsonTypeDetector {

    @Override
    public boolean canHandle(Object value) {
      if (value == null) {
        return false;
      }
      Class<?> type = value.getClass();
      if (type == HashMap.class || type == LinkedHashMap.class) {
        return true;
      }
      return type == ArrayList.class
          && ((List<?>) value).stream().allMatch(element -> element instanceof String);
    }

    @Override
    public String detectType(Object value) {
      return value.getClass().getName();
    }
  }
}
