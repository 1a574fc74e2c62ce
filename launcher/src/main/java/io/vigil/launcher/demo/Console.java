package io.vigil.launcher.demo;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo shows at the terminal: anomaly lines that scroll, and a status line that rewrites
 * itself in place on a terminal (a plain line every few seconds when the output is a file).
 */
final class Console {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /** Without a terminal, only every n-th status update is printed, as a line of its own. */
  private static final int PLAIN_STATUS_EVERY = 5;

  private final PrintStream out;
  private final boolean interactive;
  private String lastStatus = "";
  private long statusUpdates;

  Console(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  synchronized void line(String text) {
    clearStatus();
    out.println(text);
    redrawStatus();
  }

  synchronized void anomaly(Anomaly anomaly) {
    line(describe(anomaly));
  }

  synchronized void status(String text) {
    lastStatus = text;
    if (interactive) {
      out.print("\r\033[2K" + text);
      out.flush();
    } else if (statusUpdates % PLAIN_STATUS_EVERY == 0) {
      out.println(text);
    }
    statusUpdates++;
  }

  synchronized void endStatus() {
    if (interactive && !lastStatus.isEmpty()) {
      out.println();
    }
    lastStatus = "";
  }

  static String describe(Anomaly anomaly) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "ANOMALY %-8s %-14s at %s",
                anomaly.severity().wireName().toUpperCase(Locale.ROOT),
                anomaly.key(),
                TIME.format(anomaly.timestamp())));
    for (Map.Entry<String, Double> value : anomaly.values().entrySet()) {
      Expected expected = anomaly.expected().get(value.getKey());
      text.append(String.format(Locale.ROOT, "  %s=%.2f", value.getKey(), value.getValue()));
      if (expected != null) {
        text.append(
            String.format(
                Locale.ROOT,
                " expected %.2f [%.2f, %.2f]",
                expected.value(),
                expected.lower(),
                expected.upper()));
      }
    }
    text.append("  score ").append(score(anomaly.score()));
    text.append(" (").append(anomaly.detector()).append(')');
    if (anomaly.explanation() != null) {
      text.append("\n    why: ").append(anomaly.explanation());
    }
    return text.toString();
  }

  /** Scores crowd close to 1 (the default threshold is 0.99999): show up to nine decimals. */
  static String score(double score) {
    return new java.math.BigDecimal(score)
        .setScale(9, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private void clearStatus() {
    if (interactive && !lastStatus.isEmpty()) {
      out.print("\r\033[2K");
    }
  }

  private void redrawStatus() {
    if (interactive && !lastStatus.isEmpty()) {
      out.print(lastStatus);
      out.flush();
    }
  }
}
