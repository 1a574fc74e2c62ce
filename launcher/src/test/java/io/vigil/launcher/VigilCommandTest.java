package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VigilCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = VigilCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldDocumentTheDemoOptions() {
    assertThat(execute("demo", "--help")).isZero();

    assertThat(out.toString())
        .contains("--series", "--rate", "--duration", "--anomaly-rate", "--anomaly-kinds", "--seed")
        .contains("Ctrl-C");
  }

  @Test
  void shouldListEveryCommand() {
    assertThat(execute("--help")).isZero();

    assertThat(out.toString()).contains("demo", "processor", "sink", "generate");
    assertThat(out.toString()).contains("ingest", "replay", "hash-key");
  }

  @Test
  void shouldDocumentTheReplayAndGenerateOptions() {
    assertThat(execute("replay", "--help")).isZero();
    assertThat(execute("generate", "--help")).isZero();

    assertThat(out.toString())
        .contains("--speed", "--format", "--key", "FILE")
        .contains("--seasonality-period", "--noise", "--anomaly-kinds", "--labels");
  }

  @Test
  void shouldPrintTheSha256OfAnApiKey() {
    assertThat(execute("hash-key", "abc")).isZero();

    assertThat(out.toString().trim())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldRejectAnUnreadableReplaySpeedWithExitCodeTwo() {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit = execute("replay", "--speed", "warp", "--bootstrap-servers", "127.0.0.1:1", "x.csv");
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("warp");
  }

  @Test
  void shouldRejectAnUnreadableDurationWithAClearMessage() {
    assertThat(execute("demo", "--duration", "soon")).isEqualTo(2);

    assertThat(err.toString()).contains("--duration").contains("soon");
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
      exit = execute("processor", "--http-port", "0");
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("KAFKA_BOOTSTRAP_SERVERS");
  }
}
