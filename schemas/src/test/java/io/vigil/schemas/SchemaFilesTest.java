package io.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.schemas.validation.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaFilesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode load(MessageSchema schema) throws IOException {
    try (InputStream in = schema.open(SchemaVersion.current())) {
      return MAPPER.readTree(in);
    }
  }

  @ParameterizedTest
  @EnumSource(MessageSchema.class)
  void shouldShipADraft202012SchemaWithItsVersionedId(MessageSchema schema) throws IOException {
    JsonNode node = load(schema);

    assertThat(node.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(node.path("$id").asText()).isEqualTo(schema.id(SchemaVersion.V1).toString());
    assertThat(schema.id(SchemaVersion.V1).toString())
        .startsWith("https://vigil.dev/schemas/v1/")
        .endsWith(schema.fileName());
    assertThat(schema.resource(SchemaVersion.V1))
        .isEqualTo("io/vigil/schemas/v1/" + schema.fileName());
    assertThat(node.path("title").asText()).contains("(v1)");
    assertThat(node.path("description").asText()).contains("Java parser");
    assertThat(node.path("type").asText()).isEqualTo("object");
  }

  @ParameterizedTest
  @EnumSource(MessageSchema.class)
  void shouldTolerateUnknownFields(MessageSchema schema) throws IOException {
    assertThat(load(schema).path("additionalProperties").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(MessageSchema.class)
  void shouldUseOnlyThePatternsTheJavaParsersUse(MessageSchema schema) throws IOException {
    List<String> patterns = new ArrayList<>();
    collectPatterns(load(schema), patterns);

    assertThat(patterns)
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(p)
                    .isIn(
                        Set.of(
                            Formats.TIMESTAMP_REGEX,
                            Formats.DURATION_REGEX,
                            Formats.NON_BLANK_REGEX,
                            Formats.NAME_REGEX,
                            Formats.DETECTOR_REGEX)));
  }

  private static void collectPatterns(JsonNode node, List<String> patterns) {
    node.properties()
        .forEach(
            entry -> {
              if (entry.getKey().equals("pattern") && entry.getValue().isTextual()) {
                patterns.add(entry.getValue().asText());
              } else if (entry.getValue().isContainerNode()) {
                collectPatterns(entry.getValue(), patterns);
              }
            });
    if (node.isArray()) {
      node.forEach(element -> collectPatterns(element, patterns));
    }
  }
}
