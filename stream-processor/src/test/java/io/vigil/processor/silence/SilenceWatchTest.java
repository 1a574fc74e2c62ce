package io.vigil.processor.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.score.Scoring;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The silence watch's cost: what it reads from its stores when it looks for due deadlines. */
class SilenceWatchTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final int KEYS = 5_000;

  private final Map<String, AtomicLong> reads = new ConcurrentHashMap<>();
  private final MockProcessorContext<String, Scoring> context = new MockProcessorContext<>();
  private final EventParser parser =
      new EventParser(EventLimits.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
  private long offset;

  @Test
  void shouldReadOnlyTheDueDeadlinesOfThousandsOfWatchedKeys() {
    SilenceWatch watch = watch();
    // Two events a minute apart per key: deadline = second event + 3 minutes, k ms apart.
    for (int k = 0; k < KEYS; k++) {
      watch.process(event("q-" + k, T0.plusMillis(k)));
    }
    for (int k = 0; k < KEYS; k++) {
      watch.process(event("q-" + k, T0.plusSeconds(60).plusMillis(k)));
    }
    assertThat(context.forwarded()).as("nothing due yet").isEmpty();
    reads.clear();

    // Event time moves to 10 ms past the first deadline: keys q-0 .. q-9 are due.
    watch.process(event("other", T0.plusSeconds(240).plusMillis(10)));

    assertThat(context.forwarded()).hasSize(10);
    assertThat(count("silence-deadlines.next")).as("deadline entries read").isEqualTo(10);
    assertThat(count("silence-deadlines.range")).isEqualTo(1);
    assertThat(count("silence-deadlines.all")).isZero();
    assertThat(count("silences.get")).as("key states read").isEqualTo(10);
    assertThat(count("silences.all") + count("silences.range")).isZero();

    reads.clear();
    watch.process(event("other", T0.plusSeconds(241)));
    assertThat(count("silence-deadlines.range"))
        .as("no second look within the scan interval of event time")
        .isZero();
  }

  private SilenceWatch watch() {
    KeySettingsRegistry settings =
        TestDrivers.detectorSettings(
            "{\"pattern\":\"q-*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":50,"
                + "\"suppression\":\"PT0S\",\"version\":1,"
                + "\"silence\":{\"after\":3,\"minEvents\":2}}");
    context.addStateStore(
        counted(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(SilenceWatch.STATES),
                    Serdes.String(),
                    Serdes.ByteArray())
                .withLoggingDisabled()
                .build()));
    context.addStateStore(
        counted(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(SilenceWatch.DEADLINES),
                    Serdes.Bytes(),
                    Serdes.ByteArray())
                .withLoggingDisabled()
                .build()));
    SilenceWatch watch =
        new SilenceWatch(
            settings,
            new ProcessorMetrics(new SimpleMeterRegistry()).scoring(),
            Duration.ofSeconds(5));
    context.setCurrentSystemTimeMs(T0.plus(Duration.ofDays(1)).toEpochMilli());
    watch.init(context);
    return watch;
  }

  private Record<String, ScoringInput> event(String key, Instant time) {
    Event event =
        ((ParseResult.Accepted<Event>) parser.parse(TestEvents.json(key, time, 1.0, key))).value();
    return new Record<>(
        key,
        new ScoringInput(event, new SourcePosition("events", 0, offset++), null),
        time.toEpochMilli());
  }

  private long count(String call) {
    AtomicLong n = reads.get(call);
    return n == null ? 0 : n.get();
  }

  /** The store, counting each call by store and method name, and each entry its iterators give. */
  @SuppressWarnings("unchecked")
  private KeyValueStore<?, ?> counted(KeyValueStore<?, ?> store) {
    store.init(context.getStateStoreContext(), store);
    return (KeyValueStore<?, ?>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              reads
                  .computeIfAbsent(store.name() + "." + method.getName(), m -> new AtomicLong())
                  .incrementAndGet();
              Object result = invoke(method, store, args);
              if (result instanceof KeyValueIterator<?, ?> it) {
                return counted(store.name(), it);
              }
              return result;
            });
  }

  private KeyValueIterator<?, ?> counted(String store, KeyValueIterator<?, ?> it) {
    return (KeyValueIterator<?, ?>)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {KeyValueIterator.class},
            (proxy, method, args) -> {
              if (method.getName().equals("next")) {
                reads.computeIfAbsent(store + ".next", m -> new AtomicLong()).incrementAndGet();
              }
              return invoke(method, it, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
