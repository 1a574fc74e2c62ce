package io.vigil.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The v1 JSON Schema files, loaded into an independent validator (networknt, draft 2020-12, with
 * format assertions on, so {@code date-time} is checked as a consumer that opts in would).
 */
public final class SchemaFiles {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private final Map<MessageSchema, Schema> schemas = new EnumMap<>(MessageSchema.class);

  public SchemaFiles() {
    for (MessageSchema schema : MessageSchema.values()) {
      try (InputStream in = schema.open(SchemaVersion.V1)) {
        schemas.put(schema, REGISTRY.getSchema(in, InputFormat.JSON));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The schema's errors for a document; a document that is not JSON at all gets one error saying
   * so, since no schema can accept it.
   */
  public List<String> errors(MessageSchema schema, String document) {
    try {
      return schemas.get(schema).validate(document, InputFormat.JSON).stream()
          .map(Error::toString)
          .toList();
    } catch (RuntimeException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }
}
