package io.vigil.sink.redis;

import io.vigil.schemas.anomaly.Anomaly;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Which of two anomalies of a series is the latest: the later event time, and on a tie the greater
 * id, so the outcome never depends on delivery order. The order token encodes this as a string
 * whose byte order is the same, for the comparison inside Redis.
 */
public final class LatestOrder {
  /** Orders anomalies from oldest to latest, exactly as Redis compares their tokens. */
  public static final Comparator<Anomaly> OLDEST_FIRST =
      Comparator.comparing(a -> token(a).getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  private static final int TIME_DIGITS = 19 + 9;

  private LatestOrder() {}

  /**
   * {@code <seconds since Instant.MIN, 19 digits><nanos, 9 digits>:<id>}: fixed-width digits, so
   * comparing tokens byte by byte compares event times first, then ids.
   */
  public static String token(Anomaly anomaly) {
    Instant time = anomaly.timestamp();
    long seconds = time.getEpochSecond() - Instant.MIN.getEpochSecond();
    return String.format(Locale.ROOT, "%019d%09d:%s", seconds, time.getNano(), anomaly.id());
  }

  /** The anomaly id inside a token. */
  public static String idOf(String token) {
    return token.substring(TIME_DIGITS + 1);
  }
}
