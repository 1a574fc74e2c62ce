package io.vigil.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.schemas.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser's behaviour beyond the sample tables of {@code SchemaAgreementTest}: limits, clock,
 * encodings, and that no input can make it throw.
 */
class EventParserTest {
  private final EventParser parser = new EventParser(EventLimits.defaults(), Samples.CLOCK);

  private static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static Event accepted(ParseResult<Event> result) {
    assertThat(result).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted<Event>) result).value();
  }

  private static Rejection rejected(ParseResult<Event> result) {
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected<Event>) result).rejection();
  }

  @Test
  void shouldReadAUnivariateEvent() {
    Event event =
        accepted(parser.parse(bytes("{'key':'host-1/cpu','timestamp':1714564800000,'value':2}")));

    assertThat(event.key()).isEqualTo("host-1/cpu");
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(event.features()).isEqualTo(Map.of("value", 2.0));
    assertThat(event.multivariate()).isFalse();
  }

  @Test
  void shouldReadAMultivariateEventWithIdAndTags() {
    Event event =
        accepted(
            parser.parse(
                bytes(
                    "{'key':'k','timestamp':'2024-05-01T14:00:00.5+02:00','values':{'a':1,'b':-2.5},"
                        + "'id':'e1','tags':{'env':'prod'}}")));

    assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
    assertThat(event.values()).isEqualTo(Map.of("a", 1.0, "b", -2.5));
    assertThat(event.id()).isEqualTo("e1");
    assertThat(event.tags()).isEqualTo(Map.of("env", "prod"));
  }

  @Test
  void shouldIgnoreALeadingByteOrderMark() {
    byte[] json = bytes("{'key':'k','timestamp':'2024-05-01T12:00:00Z','value':1}");
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);

    assertThat(accepted(parser.parse(withBom)).key()).isEqualTo("k");
  }

  @Test
  void shouldRejectUtf16AndUtf32WithTheEncodingNamed() {
    String json = "{\"key\":\"k\",\"timestamp\":\"2024-05-01T12:00:00Z\",\"value\":1}";
    Map<String, java.nio.charset.Charset> encodings = new java.util.LinkedHashMap<>();
    encodings.put("UTF-16BE", StandardCharsets.UTF_16BE);
    encodings.put("UTF-16LE", StandardCharsets.UTF_16LE);
    encodings.put("UTF-32BE", java.nio.charset.Charset.forName("UTF-32BE"));
    encodings.put("UTF-32LE", java.nio.charset.Charset.forName("UTF-32LE"));
    encodings.forEach(
        (name, charset) -> {
          for (String text : new String[] {json, "\uFEFF" + json, " " + json}) {
            Rejection rejection = rejected(parser.parse(text.getBytes(charset)));
            assertThat(rejection.problem())
                .as("%s%s", name, text.startsWith("\uFEFF") ? " with BOM" : "")
                .isEqualTo("not UTF-8: the bytes are " + name + ", JSON must be UTF-8 (RFC 8259)");
            assertThat(RejectionKind.of(rejection)).isEqualTo("not_utf8");
          }
        });
    // Java's "UTF-16" writes a big-endian byte order mark.
    assertThat(rejected(parser.parse(json.getBytes(StandardCharsets.UTF_16))).problem())
        .contains("UTF-16BE");
    assertThat(accepted(parser.parse(json.getBytes(StandardCharsets.UTF_8))).key()).isEqualTo("k");
  }

  @Test
  void shouldRejectInvalidUtf8() {
    byte[] json = bytes("{'key':'k?','timestamp':'2024-05-01T12:00:00Z','value':1}");
    json[9] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8

    Rejection rejection = rejected(parser.parse(json));
    assertThat(rejection.problem()).startsWith("not UTF-8: Invalid UTF-8");
    assertThat(RejectionKind.of(rejection)).isEqualTo("not_utf8");
  }

  @Test
  void shouldRejectALoneSurrogateInANameOfATreeBuiltElsewhere() {
    // Jackson's byte parser refuses such a name itself; a tree from any other source may hold one.
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    tree.put("key", "k").put("timestamp", "2024-05-01T12:00:00Z");
    tree.putObject("values").put("a\uDC00", 1);

    assertThat(rejected(parser.parse(tree)).reason())
        .isEqualTo(
            "/values/a\uDC00: holds a lone surrogate (\\uDC00) at character 1: not Unicode text");
  }

  @Test
  void shouldTreatLeapSecondAsTheSecondBefore() {
    EventParser atLeapSecond =
        new EventParser(
            EventLimits.defaults(),
            java.time.Clock.fixed(Instant.parse("2017-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));

    Event event =
        accepted(
            atLeapSecond.parse(bytes("{'key':'k','timestamp':'2016-12-31T23:59:60Z','value':1}")));

    assertThat(event.timestamp()).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
  }

  @Test
  void shouldAcceptTimestampsExactlyAtTheSkewLimits() {
    Instant now = Samples.CLOCK.instant();
    String ahead = now.plus(Duration.ofHours(1)).toString();
    String behind = now.minus(Duration.ofDays(3650)).toString();

    assertThat(accepted(parser.parse(bytes("{'key':'k','timestamp':'" + ahead + "','value':1}"))))
        .isNotNull();
    assertThat(accepted(parser.parse(bytes("{'key':'k','timestamp':'" + behind + "','value':1}"))))
        .isNotNull();
    assertThat(
            rejected(
                    parser.parse(
                        bytes(
                            "{'key':'k','timestamp':"
                                + now.plus(Duration.ofHours(1)).plusMillis(1).toEpochMilli()
                                + ",'value':1}")))
                .reason())
        .startsWith("/timestamp: is more than PT1H in the future");
  }

  @Test
  void shouldApplyConfiguredLimits() {
    EventLimits small = new EventLimits(200, 4, 2, 1, 3, Duration.ofMinutes(1), Duration.ofDays(1));
    EventParser strict = new EventParser(small, Samples.CLOCK);
    String ts = "'timestamp':'2024-05-01T12:30:00Z'";

    assertThat(rejected(strict.parse(bytes("{'key':'abcde'," + ts + ",'value':1}"))).field())
        .isEqualTo("/key");
    assertThat(
            rejected(strict.parse(bytes("{'key':'k'," + ts + ",'values':{'a':1,'b':2,'c':3}}")))
                .reason())
        .isEqualTo("/values: has 3 entries, limit is 2");
    assertThat(
            rejected(strict.parse(bytes("{'key':'k'," + ts + ",'value':1,'id':'long'}"))).field())
        .isEqualTo("/id");
    assertThat(rejected(strict.parse(new byte[201])).reason())
        .isEqualTo("payload is 201 bytes, limit is 200");
    assertThat(strict.limits()).isEqualTo(small);
  }

  @Test
  void shouldCountKeyLengthInCodePoints() {
    String key = "\uD83D\uDE00".repeat(256); // 256 code points, 512 UTF-16 units

    Event event =
        accepted(
            parser.parse(
                bytes("{'key':'" + key + "','timestamp':'2024-05-01T12:00:00Z','value':1}")));

    assertThat(event.key()).isEqualTo(key);
  }

  @Test
  void shouldNeverThrowWhateverTheBytes() {
    Random random = new Random(42);
    byte[] valid =
        bytes("{'key':'k','timestamp':'2024-05-01T12:00:00Z','values':{'a':1},'tags':{'t':'v'}}");
    for (int i = 0; i < 2_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
      } else {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      }
      byte[] document = input;
      assertThatCode(() -> parser.parse(document)).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldExposeTheNestingLimit() {
    assertThat(EventParser.MAX_NESTING_DEPTH).isEqualTo(16);
    assertThat(parser.maxBytes()).isEqualTo(EventLimits.defaults().maxBytes());
  }
}
