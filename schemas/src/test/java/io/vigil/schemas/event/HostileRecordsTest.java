package io.vigil.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.MessageSchema;
import io.vigil.schemas.Samples;
import io.vigil.schemas.SchemaFiles;
import io.vigil.schemas.event.HostileRecords.Hostile;
import io.vigil.schemas.event.HostileRecords.Outcome;
import io.vigil.schemas.serde.JsonSerde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus through {@link EventParser}: the fast half of {@code HostileInputIT}.
 */
class HostileRecordsTest {
  private static final List<Hostile> CORPUS = HostileRecords.corpus(Samples.CLOCK.instant());
  private static final Path DOC = Path.of("..", "docs", "hostile-input.md");
  private static final SchemaFiles SCHEMAS = new SchemaFiles();

  private final EventParser parser = new EventParser(EventLimits.defaults(), Samples.CLOCK);

  static Stream<Hostile> corpus() {
    return CORPUS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void shouldEndEveryKindAsTheCorpusSays(Hostile hostile) {
    ParseResult<Event> result = parser.parse(hostile.value());

    if (hostile.outcome() == Outcome.DEAD_LETTER) {
      assertThat(result).isInstanceOf(ParseResult.Rejected.class);
      Rejection rejection = ((ParseResult.Rejected<Event>) result).rejection();
      assertThat(rejection.reason()).contains(hostile.expected());
      assertThat(RejectionKind.of(rejection)).isEqualTo(hostile.counted());
    } else {
      assertThat(result).isInstanceOf(ParseResult.Accepted.class);
      Event event = ((ParseResult.Accepted<Event>) result).value();
      assertThat(event.key()).isEqualTo(hostile.expected());
      String json = new String(JsonSerde.of(Event.class).toBytes(event), StandardCharsets.UTF_8);
      assertThat(SCHEMAS.errors(MessageSchema.EVENT, json)).as(json).isEmpty();
    }
  }

  @Test
  void shouldHoldAtLeastFortyDistinctKinds() {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
    assertThat(CORPUS.stream().map(Hostile::kind)).doesNotHaveDuplicates();
  }

  @Test
  void shouldListEveryKindInTheDocument() throws IOException {
    String table = HostileRecords.markdown(CORPUS);
    String doc = Files.readString(DOC);
    if (!doc.contains(table)) {
      Path fresh = Path.of("target", "hostile-input-table.md");
      Files.writeString(fresh, table);
      throw new AssertionError(
          DOC
              + " does not hold the corpus' table: replace its table with "
              + fresh.toAbsolutePath());
    }
  }
}
