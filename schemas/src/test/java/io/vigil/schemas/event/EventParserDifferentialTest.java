package io.vigil.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.schemas.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The token reader of {@link EventParser} against the tree reader it replaced ({@link
 * TreeEventParser}): on generated documents that mix good and bad members, duplicates, unknown
 * nested members, wrong types and byte-level damage, both accept the same events and refuse with
 * the same field and problem.
 */
class EventParserDifferentialTest {
  private static final EventLimits LIMITS =
      new EventLimits(4096, 16, 3, 2, 8, Duration.ofHours(1), Duration.ofDays(3650));
  private static final String[] KEYS = {
    "\"host-1/cpu\"",
    "\"\"",
    "\"  \"",
    "\"abcdefghijklmnopq\"",
    "\"ünï/cødé\"",
    "7",
    "true",
    "[\"a\"]",
    "{\"a\":1}",
    "null",
    "\"a\\u0000b\""
  };
  private static final String[] TIMESTAMPS = {
    "1714564800000",
    "1714564800000.0",
    "1714564800000.5",
    "-1",
    "0",
    "1e3",
    "1e400",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "9223372036854775807",
    "9.3e18",
    "\"2024-05-01T12:00:00Z\"",
    "\"2024-05-01T14:00:00.123456789+02:00\"",
    "\"2024-05-01 12:00:00\"",
    "\"2999-01-01T00:00:00Z\"",
    "\"1900-01-01T00:00:00Z\"",
    "\"\"",
    "null",
    "false",
    "{}",
    "[1]"
  };
  private static final String[] NUMBERS = {
    "2",
    "-2.5",
    "0",
    "1e308",
    "1e400",
    "-1e400",
    "123456789012345678901234567890",
    "\"3\"",
    "null",
    "true",
    "[]",
    "{}",
    "1E-400"
  };
  private static final String[] NAMES = {
    "\"a\"", "\"b\"", "\"\"", "\"abcdefghi\"", "\"x/y~z\"", "\"é\"", "\"a\""
  };
  private static final String[] TEXTS = {"\"v\"", "\"\"", "\"abcdefghi\"", "1", "null", "{}"};

  private final EventParser tokens = new EventParser(LIMITS, Samples.CLOCK);
  private final TreeEventParser tree = new TreeEventParser(LIMITS, Samples.CLOCK);
  private final ObjectMapper mapper = new ObjectMapper();
  private final Random random = new Random(20261206);

  @Test
  void shouldAcceptAndRefuseExactlyWhatTheTreeReaderDid() throws Exception {
    int accepted = 0;
    int agreedOnBytes = 0;
    for (int i = 0; i < 10_000; i++) {
      String document = document();
      byte[] bytes = damage(document.getBytes(StandardCharsets.UTF_8));
      ParseResult<Event> expected = tree.parse(bytes);
      assertThat(normalised(tokens.parse(bytes)))
          .as("bytes %s", new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo(normalised(expected));
      agreedOnBytes++;
      if (expected instanceof ParseResult.Accepted<Event>) {
        accepted++;
      }
      JsonNode node = readable(bytes);
      if (node != null) {
        assertThat(tokens.parse(node)).as("tree %s", node).isEqualTo(tree.parse(node));
      }
    }
    assertThat(agreedOnBytes).isEqualTo(10_000);
    assertThat(accepted).as("the generator reaches accepted events too").isGreaterThan(300);
  }

  /** The trailing-content message is the one place the two readers word differently. */
  private static Object normalised(ParseResult<Event> result) {
    if (result instanceof ParseResult.Rejected<Event> rejected
        && rejected.rejection().problem().startsWith("malformed JSON: Trailing token")) {
      return "trailing token at " + rejected.rejection().field();
    }
    return result;
  }

  private JsonNode readable(byte[] bytes) {
    try {
      return mapper.readTree(bytes);
    } catch (Exception e) {
      return null;
    }
  }

  private String document() {
    List<String> members = new ArrayList<>();
    maybe(members, "\"key\"", mostlyGood(KEYS), 0.95);
    maybe(members, "\"timestamp\"", mostlyGood(TIMESTAMPS), 0.95);
    boolean univariate = random.nextBoolean();
    maybe(members, "\"value\"", mostlyGood(NUMBERS), univariate ? 0.95 : 0.05);
    maybe(members, "\"values\"", object(NUMBERS), univariate ? 0.05 : 0.95);
    maybe(members, "\"id\"", pick(TEXTS), 0.3);
    maybe(members, "\"tags\"", object(TEXTS), 0.3);
    maybe(members, "\"extra\"", "{\"deep\":[1,{\"x\":null}],\"s\":\"t\"}", 0.2);
    maybe(members, "\"value\"", pick(NUMBERS), 0.03);
    java.util.Collections.shuffle(members, random);
    String body = "{" + String.join(",", members) + "}";
    return random.nextDouble() < 0.03 ? pick(new String[] {"[" + body + "]", "\"s\"", "1"}) : body;
  }

  private String object(String[] values) {
    List<String> entries = new ArrayList<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      entries.add(pick(NAMES) + ":" + mostlyGood(values));
    }
    return random.nextDouble() < 0.1 ? pick(values) : "{" + String.join(",", entries) + "}";
  }

  private void maybe(List<String> members, String name, String value, double probability) {
    if (random.nextDouble() < probability) {
      members.add(name + ":" + value);
    }
  }

  /** The first choice, which is valid, most of the time; any choice otherwise. */
  private String mostlyGood(String[] choices) {
    return random.nextDouble() < 0.7 ? choices[0] : pick(choices);
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private byte[] damage(byte[] bytes) {
    double roll = random.nextDouble();
    if (roll < 0.85 || bytes.length < 2) {
      return bytes;
    }
    if (roll < 0.9) {
      return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
    if (roll < 0.95) {
      byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
      longer[bytes.length] = ' ';
      longer[bytes.length + 1] = (byte) "{1x\"]".charAt(random.nextInt(5));
      longer[bytes.length + 2] = '}';
      return longer;
    }
    byte[] copy = bytes.clone();
    String damaging = "{}[],:\"\\0 \u00ff";
    copy[random.nextInt(copy.length)] = (byte) damaging.charAt(random.nextInt(damaging.length()));
    return copy;
  }
}
