package io.vigil.schemas;

import io.vigil.schemas.anomaly.AnomalyParser;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.feedback.FeedbackParser;
import io.vigil.schemas.score.ScoreParser;
import io.vigil.schemas.validation.ValidatingParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** The v1 sample messages kept under {@code samples/v1/<type>/}, and the parsers that read them. */
public final class Samples {
  /** Every test parses at this instant, so samples stay inside the event time limits forever. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:30:00Z"), ZoneOffset.UTC);

  private Samples() {}

  /** A sample document on disk. */
  public record SampleFile(MessageSchema schema, Path path) {
    public byte[] bytes() {
      try {
        return Files.readAllBytes(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return schema.fileName().replace(".schema.json", "") + "/" + path.getFileName();
    }
  }

  public static ValidatingParser<?> parser(MessageSchema schema) {
    return switch (schema) {
      case EVENT -> new EventParser(EventLimits.defaults(), CLOCK);
      case ANOMALY -> new AnomalyParser();
      case SCORE -> new ScoreParser();
      case DETECTOR_CONFIG -> new DetectorConfigParser();
      case FEEDBACK -> new FeedbackParser();
    };
  }

  public static Stream<SampleFile> valid() {
    return Stream.of(MessageSchema.values()).flatMap(s -> valid(s).stream());
  }

  public static List<SampleFile> valid(MessageSchema schema) {
    String directory = "/samples/" + SchemaVersion.V1.directory() + "/" + baseName(schema);
    try (Stream<Path> files = Files.list(Path.of(Samples.class.getResource(directory).toURI()))) {
      return files.sorted().map(p -> new SampleFile(schema, p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String baseName(MessageSchema schema) {
    return schema.fileName().replace(".schema.json", "");
  }
}
