package io.vigil.sink.redis;

import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The sink's Redis key layout, all under one prefix (default {@code vigil:}):
 *
 * <ul>
 *   <li>{@code <prefix>anomaly:latest:<series key>}: string, the series' latest anomaly as JSON
 *   <li>{@code <prefix>anomaly:latest-index}: hash, series key → order token of that anomaly
 *       ({@link LatestOrder}: event time, then anomaly id), so the hash lists every series with an
 *       anomaly and its latest id
 *   <li>{@code <prefix>recent:<series key>}: list, the series' most recent anomalies (JSON), newest
 *       delivered first, bounded
 *   <li>{@code <prefix>recent}: list, the most recent anomalies over all series, bounded
 *   <li>{@code <prefix>count:<severity>:<yyyyMMddHHmm>}: counter of anomalies of that severity
 *       whose event time falls in that UTC minute, expiring
 *   <li>{@code <prefix>seen:<anomaly id>}: marker of an anomaly already applied, expiring
 *   <li>{@code <prefix>anomalies}: pub/sub channel, each new anomaly (JSON) published once
 *   <li>{@code <prefix>scores:<series key>}: sorted set, the series' most recent scores (JSON) by
 *       event time in epoch milliseconds, bounded, expiring when the series goes quiet (only with
 *       the scores window on)
 * </ul>
 */
public record RedisKeys(String prefix) {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

  public String recent(String seriesKey) {
    return prefix + "recent:" + seriesKey;
  }

  public String recentAll() {
    return prefix + "recent";
  }

  public String count(Severity severity, Instant minute) {
    return prefix + "count:" + severity.wireName() + ":" + MINUTE.format(minute);
  }

  public String seen(String anomalyId) {
    return prefix + "seen:" + anomalyId;
  }

  public String channel() {
    return prefix + "anomalies";
  }

  public String latest(String seriesKey) {
    return prefix + "anomaly:latest:" + seriesKey;
  }

  public String scores(String seriesKey) {
    return prefix + "scores:" + seriesKey;
  }

  public String latestIndex() {
    return prefix + "anomaly:latest-index";
  }
}
