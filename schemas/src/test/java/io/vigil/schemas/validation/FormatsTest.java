package io.vigil.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private static final Pattern TIMESTAMP = Pattern.compile(Formats.TIMESTAMP_REGEX);

  @Test
  void shouldReadTheUsualTimestampsByHandExactlyAsTheFormatterDoes() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      String text = randomTimestamp(random);
      Instant read = assertSameAsFormatter(text);
      // Offsets of 18 hours are left to the formatter.
      if (read != null && !text.matches(".*[+-]18:[0-9]{2}")) {
        assertThat(Rfc3339.parse(text)).as("read by hand: " + text).isEqualTo(read);
      }
    }
  }

  @Test
  void shouldAcceptAndRefuseTheEdgeCasesAsTheFormatterDoes() {
    List<String> cases =
        List.of(
            "2024-02-29T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-01-00T00:00:00Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T12:30:60Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T24:00:01Z",
            "2024-05-01T12:60:00Z",
            "2024-05-01t12:00:00z",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00.1234567890Z",
            "2024-05-01T12:00:00.000000001Z",
            "2024-05-01T12:00:00+18:00",
            "2024-05-01T12:00:00-18:00",
            "2024-05-01T12:00:00+18:01",
            "2024-05-01T12:00:00+17:59",
            "2024-05-01T12:00:00+05:60",
            "2024-05-01T12:00:00+0530",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00Z",
            "2024-05-01 12:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-17:59",
            "２０２４-05-01T12:00:00Z",
            "2024-05-01T12:00:00Z ",
            "+2024-05-01T12:00:00Z",
            "");
    cases.forEach(FormatsTest::assertSameAsFormatter);
  }

  @Test
  void shouldSayWhatIsWrongWithATimestamp() {
    assertThatThrownBy(() -> Formats.instant("/timestamp", "yesterday"))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("/timestamp")
        .hasMessageContaining("not an RFC 3339 date-time");
    assertThatThrownBy(() -> Formats.instant("/timestamp", "2023-02-29T12:00:00Z"))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("not a valid date-time");
  }

  @Test
  void shouldTellBlankTextsAsTheSchemasPatternDoes() {
    Pattern nonBlank = Pattern.compile(Formats.NON_BLANK_REGEX);
    for (String text : List.of("", " ", "\t\n\u000B\f\r", " a ", "\u00A0", "\u2003", "x")) {
      assertThat(Formats.isBlank(text)).as(text).isEqualTo(!nonBlank.matcher(text).find());
    }
  }

  /**
   * The formatter's answer: the regex, then ISO_INSTANT, as Formats.instant did before; but no hour
   * 24, which RFC 3339 (and the schema's date-time format) lacks and ISO_INSTANT reads as 00:00.
   */
  private static Instant assertSameAsFormatter(String text) {
    Instant expected;
    try {
      expected =
          TIMESTAMP.matcher(text).matches() && !text.startsWith("24", 11)
              ? DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from)
              : null;
    } catch (DateTimeException e) {
      expected = null;
    }
    Instant actual;
    try {
      actual = Formats.instant("/t", text);
    } catch (InvalidFieldException e) {
      actual = null;
    }
    assertThat(actual).as(text).isEqualTo(expected);
    return actual;
  }

  private static String randomTimestamp(Random random) {
    String date =
        String.format(
            "%04d-%02d-%02d",
            random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(31));
    String time =
        String.format(
            "T%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
    int fraction = random.nextInt(11);
    StringBuilder text = new StringBuilder(date).append(time);
    if (fraction > 0) {
      text.append('.');
      for (int i = 0; i < fraction - 1; i++) {
        text.append(random.nextInt(10));
      }
    }
    return switch (random.nextInt(4)) {
      case 0, 1 -> text.append('Z').toString();
      case 2 ->
          text.append(random.nextBoolean() ? '+' : '-')
              .append(String.format("%02d:%02d", random.nextInt(19), random.nextInt(60)))
              .toString();
      default -> text.append('z').toString();
    };
  }
}
