package io.vigil.sink.redis;

/**
 * The sink's Redis key layout, all under one prefix (default {@code vigil:}):
 *
 * <ul>
 *   <li>{@code <prefix>anomaly:latest:<series key>}: string, the series' latest anomaly as JSON
 *   <li>{@code <prefix>anomaly:latest-index}: hash, series key → order token of that anomaly
 *       ({@link LatestOrder}: event time, then anomaly id), so the hash lists every series with an
 *       anomaly and its latest id
 * </ul>
 */
public record RedisKeys(String prefix) {
  public String latest(String seriesKey) {
    return prefix + "anomaly:latest:" + seriesKey;
  }

  public String latestIndex() {
    return prefix + "anomaly:latest-index";
  }
}
