package io.vigil.processor.backtest;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.schemas.config.KeyPattern;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * A backtest: one range of the events topic scored by one temporary application per config, one
 * after the other, each with the live processor's topology and settings, none touching the live
 * application's group, state or topics (it reads the events, detector-config and feedback topics
 * only). Then the anomalies are matched to the labels on the feedback topic.
 *
 * @param live the processor's config, as {@code vigil processor} reads it
 * @param configs the columns, e.g. {@link Candidate#live()} and a candidate
 * @param keys only keys matching it are reported (all keys are scored: models are per key, so the
 *     others change nothing)
 * @param timeout how long one run may take before the backtest gives up (a failure, not the stop
 *     condition)
 */
public record Backtest(
    ProcessorConfig live,
    Bound from,
    Bound to,
    List<Candidate> configs,
    Optional<KeyPattern> keys,
    Duration timeout) {

  public Backtest {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(keys, "keys");
    configs = List.copyOf(configs);
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a backtest needs at least one config");
    }
    if (new HashSet<>(configs.stream().map(Candidate::name).toList()).size() != configs.size()) {
      throw new IllegalArgumentException("config names must differ");
    }
  }

  /** {@code earliest}, {@code latest}, an offset or an ISO-8601 time, see {@link Bound}. */
  public static Bound bound(String text) {
    return Bound.parse(text);
  }

  public BacktestReport run(Clock clock)
      throws IOException, ExecutionException, InterruptedException {
    EventRange range;
    try (Admin admin = Admin.create(live.kafka().clientConfig())) {
      range = EventRange.resolve(admin, live.topics().events().name(), from, to);
    }
    // One id per backtest, so its runs' topics and groups are recognisably one backtest's.
    String run = live.applicationId() + "-backtest-" + UUID.randomUUID().toString().substring(0, 8);
    List<BacktestRun.Result> results = new ArrayList<>();
    for (Candidate config : configs) {
      results.add(
          new BacktestRun(live, config, run + "-" + config.name(), range, timeout, clock).run());
    }
    Labels labels =
        Labels.read(new TopicReader(live.kafka().clientConfig()), live.topics().feedback().name());
    return BacktestReport.of(range, labels, results, keys);
  }
}
