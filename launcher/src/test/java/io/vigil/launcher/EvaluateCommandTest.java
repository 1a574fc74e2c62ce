package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.processor.config.ProcessorConfig;
import org.junit.jupiter.api.Test;

/** {@code vigil evaluate} end to end with small sizes: what CI runs of it. */
class EvaluateCommandTest {
  private static final String[] SMALL = {
    "evaluate", "--series", "10", "--events", "1000", "--clean-share", "0.5", "--spacing", "300"
  };

  private final CliRun cli = new CliRun();

  private int evaluate(String... more) {
    String[] args = new String[SMALL.length + more.length];
    System.arraycopy(SMALL, 0, args, 0, SMALL.length);
    System.arraycopy(more, 0, args, SMALL.length, more.length);
    return cli.execute(args);
  }

  @Test
  void shouldPrintRecallPrecisionAndDelayPerKindAndTheFalseAlertRate() {
    assertThat(evaluate("--detector", "ewma")).as(cli.err()).isZero();

    assertThat(cli.out())
        .contains("detector ewma threshold=")
        .contains("10 series x 1000 events (5 with injections, 5 clean)")
        .contains("recall", "precision", "median delay")
        .contains("spike", "level-shift", "trend-change", "variance-change", "flatline", "all")
        .contains("clean series: 5 series, 5000 events")
        .contains("false alerts per 10,000 events")
        .contains("10000 events, 10 injections");
  }

  @Test
  void shouldScoreWithTheProcessorsDefaultDetectorUnlessToldOtherwise() {
    assertThat(evaluate("--kinds", "spike,level-shift")).as(cli.err()).isZero();

    assertThat(cli.out())
        .contains("detector " + ProcessorConfig.DEFAULT_DETECTOR.configName() + " threshold=")
        .contains("spike", "level-shift")
        .doesNotContain("flatline");
  }

  @Test
  void shouldGiveTheSameTableForTheSameSeed() {
    evaluate("--detector", "seasonal", "--seed", "7");
    String first = table(cli.out());
    CliRun again = new CliRun();
    again.execute(
        "evaluate",
        "--series",
        "10",
        "--events",
        "1000",
        "--clean-share",
        "0.5",
        "--spacing",
        "300",
        "--detector",
        "seasonal",
        "--seed",
        "7");

    assertThat(table(again.out())).isEqualTo(first).contains("seed 7");
  }

  /** The output without its last line, the run time. */
  private static String table(String out) {
    return out.substring(0, out.stripTrailing().lastIndexOf('\n'));
  }

  @Test
  void shouldRejectAnUnknownDetectorWithExitCodeTwo() {
    assertThat(evaluate("--detector", "oracle")).isEqualTo(2);

    assertThat(cli.err()).contains("vigil evaluate: unknown detector oracle", "ewma");
  }

  @Test
  void shouldRejectAnUnknownKindWithExitCodeTwo() {
    assertThat(evaluate("--kinds", "spike,wobble")).isEqualTo(2);

    assertThat(cli.err()).contains("unknown anomaly kind 'wobble'", "level_shift");
  }

  @Test
  void shouldRejectAnInjectionDuringTheWarmUpWithExitCodeTwo() {
    assertThat(evaluate("--first-at", "20")).isEqualTo(2);

    assertThat(cli.err()).contains("first injection must start at event 150 or later, was 20");
  }

  @Test
  void shouldRejectSeriesTooShortAndANegativeNoiseWithExitCodeTwo() {
    assertThat(cli.execute("evaluate", "--events", "200", "--noise", "-1")).isEqualTo(2);

    assertThat(cli.err())
        .contains("events 200 per series leave no room")
        .contains("noise must be >= 0, was -1.0");
  }

  @Test
  void shouldRejectAMalformedNumberWithExitCodeTwo() {
    assertThat(evaluate("--series", "many")).isEqualTo(2);

    assertThat(cli.err()).contains("--series", "many");
  }

  @Test
  void shouldDocumentTheEvaluateOptions() {
    assertThat(cli.execute("evaluate", "--help")).isZero();

    assertThat(cli.out())
        .contains("--series", "--events", "--seed", "--detector", "--kinds", "--magnitude")
        .contains("--noise", "--seasonality-amplitude", "--grace", "--clean-share");
  }
}
