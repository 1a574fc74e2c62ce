package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VigilCommandTest {
  private final CliRun cli = new CliRun();

  @Test
  void shouldDocumentTheDemoOptions() {
    assertThat(cli.execute("demo", "--help")).isZero();

    assertThat(cli.out())
        .contains("--series", "--rate", "--duration", "--anomaly-rate", "--anomaly-kinds", "--seed")
        .contains("--history", "--history-step", "--injections")
        .contains("Ctrl-C");
  }

  @Test
  void shouldListEveryCommand() {
    assertThat(cli.execute("--help")).isZero();

    assertThat(cli.out()).contains("demo", "processor", "sink", "generate");
    assertThat(cli.out()).contains("ingest", "replay", "hash-key");
  }

  @Test
  void shouldDocumentTheBenchOptions() {
    assertThat(cli.execute("bench", "--help")).isZero();

    assertThat(cli.out())
        .contains("--events", "--keys", "--partitions", "--repetitions", "--warmups")
        .contains("--guarantees", "--profiles", "--bootstrap-servers", "--json", "--plot")
        .contains("store-only");
  }

  @Test
  void shouldDocumentTheReplayAndGenerateOptions() {
    assertThat(cli.execute("replay", "--help")).isZero();
    assertThat(cli.execute("generate", "--help")).isZero();

    assertThat(cli.out())
        .contains("--speed", "--format", "--key", "FILE")
        .contains("--seasonality-period", "--noise", "--anomaly-kinds", "--labels");
  }

  @Test
  void shouldPrintTheSha256OfAnApiKey() {
    assertThat(cli.execute("hash-key", "abc")).isZero();

    assertThat(cli.out().trim())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldRejectAnUnreadableReplaySpeedWithExitCodeTwo() {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit =
          cli.execute("replay", "--speed", "warp", "--bootstrap-servers", "127.0.0.1:1", "x.csv");
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("warp");
  }

  @Test
  void shouldRejectAnUnreadableDurationWithAClearMessage() {
    assertThat(cli.execute("demo", "--duration", "soon")).isEqualTo(2);

    assertThat(cli.err()).contains("--duration").contains("soon");
  }

  @Test
  void shouldRejectNegativeDemoCountsAsUsageErrorsBeforeStartingAnything() {
    assertThat(cli.execute("demo", "--injections", "-1")).isEqualTo(2);
    assertThat(cli.execute("demo", "--history", "-5")).isEqualTo(2);
  }

  @Test
  void shouldFailWithExitCodeTwoAndNameTheMissingSettingWhenConfigIsInvalid() {
    // No KAFKA_BOOTSTRAP_SERVERS in the test environment, and none given as an option.
    assertThat(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).isNull();
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit = cli.execute("processor", "--http-port", "0");
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("KAFKA_BOOTSTRAP_SERVERS");
  }
}
