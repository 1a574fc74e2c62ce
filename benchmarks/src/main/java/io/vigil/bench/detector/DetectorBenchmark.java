package io.vigil.bench.detector;

import io.vigil.detect.pipeline.Decision;
import io.vigil.detect.pipeline.KeyState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-key cost of each detector setup, one thread: score + update of one event on a warm key,
 * and the write + read of a key's stored state. {@code setup} has no values here: {@link
 * DetectorBenchmarks} passes every {@code DetectorCatalog} configuration name (or those given with
 * {@code -p setup=…}), so a new setup is benchmarked without touching this class. The short default
 * run (1 fork, 2 × 1 s warm-up, 3 × 1 s measurement) is for a quick table; see the module README
 * for longer runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DetectorBenchmark {
  /** Events a key has learned before its score + update is measured. */
  static final int WARM_EVENTS = 2_000;

  /** Events a key has learned when its stored state is measured. */
  static final int STORED_EVENTS = 10_000;

  /** One key of a setup that has learned {@link #learned()} events before the measurement. */
  @State(Scope.Thread)
  public abstract static class Key {
    /** A configuration name of {@code DetectorCatalog}. */
    @Param({})
    public String setup;

    /** 1 = a scalar {@code value}; more = that many features in {@code values}. */
    @Param({"1", "4"})
    public int features;

    KeyStream<?> stream;

    abstract int learned();

    @Setup(Level.Trial)
    public void learn() {
      stream = KeyStream.of(setup, features).feed(learned());
    }
  }

  /** A key that has seen {@link #WARM_EVENTS} events; each operation scores the next one. */
  @State(Scope.Thread)
  public static class WarmKey extends Key {
    @Override
    int learned() {
      return WARM_EVENTS;
    }
  }

  /** A key that has seen {@link #STORED_EVENTS} events, as the processor would store it. */
  @State(Scope.Thread)
  public static class StoredKey extends Key {
    @Override
    int learned() {
      return STORED_EVENTS;
    }
  }

  /** Score + update of one event: the detector's whole per-event work in the processor. */
  @Benchmark
  public Decision scoreAndUpdate(WarmKey key) {
    return key.stream.next();
  }

  /** toBytes then fromBytes of the state: a write-back at commit plus a cache-miss read. */
  @Benchmark
  public KeyState<?> serialiseAndDeserialise(StoredKey key) {
    return key.stream.roundTrip();
  }
}
