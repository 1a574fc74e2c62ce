package io.vigil.launcher;

import io.vigil.ingest.replay.ReplayProgress;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr for {@code vigil replay}: share of bytes read, events sent,
 * rate and ETA (when the input size is known). Bad lines are printed above it, the first {@value
 * #MAX_BAD_LINES} of them, then only counted.
 */
final class ProgressBar implements ReplayProgress {
  private static final int WIDTH = 30;
  private static final int MAX_BAD_LINES = 50;

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private long badLines;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void update(long bytesRead, long totalBytes, long lines, long events) {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = events / seconds;
    StringBuilder line = new StringBuilder("\r");
    if (totalBytes > 0) {
      double done = Math.min(1, (double) bytesRead / totalBytes);
      int filled = (int) (done * WIDTH);
      line.append('[')
          .append("=".repeat(filled))
          .append(filled < WIDTH ? ">" : "")
          .append(" ".repeat(Math.max(0, WIDTH - filled - 1)))
          .append("] ")
          .append(String.format("%3.0f%% ", done * 100));
      long etaSeconds = done > 0 ? (long) (seconds / done - seconds) : -1;
      line.append(String.format("%,d events  %,.0f/s  ETA %s", events, rate, time(etaSeconds)));
    } else {
      line.append(String.format("%,d events  %,.0f/s  %,d lines", events, rate, lines));
    }
    if (badLines > 0) {
      line.append(String.format("  %,d bad", badLines));
    }
    out.print(line.append("   "));
    out.flush();
  }

  @Override
  public void badLine(String input, long lineNumber, String reason) {
    badLines++;
    if (badLines <= MAX_BAD_LINES) {
      out.print("\r\033[K" + input + ":" + lineNumber + ": " + reason + "\n");
    } else if (badLines == MAX_BAD_LINES + 1) {
      out.print("\r\033[K(more bad lines: only counted from here)\n");
    }
  }

  /** Ends the bar's line. */
  void finish() {
    out.println();
    out.flush();
  }

  private static String time(long seconds) {
    if (seconds < 0) {
      return "--:--";
    }
    long h = TimeUnit.SECONDS.toHours(seconds);
    long m = TimeUnit.SECONDS.toMinutes(seconds) % 60;
    long s = seconds % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", m, s);
  }
}
