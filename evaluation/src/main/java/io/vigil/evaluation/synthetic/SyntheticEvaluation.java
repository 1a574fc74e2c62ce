package io.vigil.evaluation.synthetic;

import io.vigil.evaluation.DetectorScorer;
import io.vigil.evaluation.DetectorScorer.SeriesDecisions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Runs a {@link Scenario}: every event the source generates goes through the processor's per-key
 * pipeline ({@link DetectorScorer}: detector, calibration, warm-up, threshold, suppression), one
 * fresh model per series, and the decisions are tallied against the source's labels.
 *
 * <p>Series are independent, as keys are in the processor, so events are buffered (a bounded batch)
 * and the series of a batch are scored in parallel, each series' events in order by one thread; the
 * figures do not depend on the number of threads.
 */
public final class SyntheticEvaluation {
  /** Events buffered before a batch is scored (about 24 bytes each). */
  static final int BATCH_EVENTS = 1 << 20;

  private SyntheticEvaluation() {}

  /** The result: the figures, the number of events scored and the source's labels. */
  public record Result(DetectionReport report, long events, List<Injection> injections) {
    public Result {
      Objects.requireNonNull(report, "report");
      injections = List.copyOf(injections);
    }
  }

  public static Result run(Scenario scenario, SeriesSource source, DetectorScorer<?> scorer) {
    return run(scenario, source, scorer, BATCH_EVENTS);
  }

  static Result run(
      Scenario scenario, SeriesSource source, DetectorScorer<?> scorer, int batchEvents) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scorer, "scorer");
    int count = scenario.series();
    SeriesDecisions[] decisions = new SeriesDecisions[count];
    Buffer[] buffers = new Buffer[count];
    for (int i = 0; i < count; i++) {
      decisions[i] = scorer.newDecisions();
      buffers[i] = new Buffer();
    }
    DetectionTally tally = new DetectionTally(count);
    long[] buffered = {0};
    Runnable flush =
        () -> {
          IntStream.range(0, count)
              .parallel()
              .forEach(s -> buffers[s].drain(s, decisions[s], tally));
          buffered[0] = 0;
        };
    List<Injection> injections =
        source.emit(
            scenario,
            (s, index, time, value) -> {
              if (s < 0 || s >= count) {
                throw new IllegalStateException("source emitted unknown series " + s);
              }
              buffers[s].add(index, time, value);
              if (++buffered[0] >= batchEvents) {
                flush.run();
              }
            });
    flush.run();
    return new Result(
        tally.report(scenario.kinds(), injections, scenario.grace()), tally.events(), injections);
  }

  /** One series' events not scored yet. */
  private static final class Buffer {
    private long[] indices = new long[64];
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    void add(long index, Instant time, double value) {
      if (size == indices.length) {
        indices = Arrays.copyOf(indices, size * 2);
        times = Arrays.copyOf(times, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      indices[size] = index;
      times[size] = time.toEpochMilli();
      values[size] = value;
      size++;
    }

    void drain(int series, SeriesDecisions decisions, DetectionTally tally) {
      for (int i = 0; i < size; i++) {
        tally.record(
            series, indices[i], decisions.decide(Instant.ofEpochMilli(times[i]), values[i]));
      }
      size = 0;
    }
  }
}
