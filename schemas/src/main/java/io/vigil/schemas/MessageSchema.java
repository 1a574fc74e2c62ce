package io.vigil.schemas;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;

/**
 * The JSON Schema (draft 2020-12) of each message type, shipped in this jar so any consumer can
 * validate against the same files the Java parsers agree with.
 */
public enum MessageSchema {
  EVENT("event"),
  ANOMALY("anomaly"),
  SCORE("score"),
  DETECTOR_CONFIG("detector-config"),
  FEEDBACK("feedback");

  private static final String BASE_ID = "https://vigil.dev/schemas/";

  private final String baseName;

  MessageSchema(String baseName) {
    this.baseName = baseName;
  }

  /** {@code event.schema.json} and so on. */
  public String fileName() {
    return baseName + ".schema.json";
  }

  /** Classpath location, e.g. {@code io/vigil/schemas/v1/event.schema.json}. */
  public String resource(SchemaVersion version) {
    return "io/vigil/schemas/" + version.directory() + "/" + fileName();
  }

  /** The schema's {@code $id}, e.g. {@code https://vigil.dev/schemas/v1/event.schema.json}. */
  public URI id(SchemaVersion version) {
    return URI.create(BASE_ID + version.directory() + "/" + fileName());
  }

  /** Opens the schema file; the caller closes the stream. */
  public InputStream open(SchemaVersion version) {
    InputStream in = MessageSchema.class.getClassLoader().getResourceAsStream(resource(version));
    if (in == null) {
      throw new UncheckedIOException(new NoSuchFileException(resource(version)));
    }
    return in;
  }
}
