package io.vigil.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.processor.metrics.ProcessorMetrics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelCacheStoreTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModelCodec codec = new ModelCodec(new DetectorFactory(EwmaParameters.defaults()));
  private ModelCacheStore store;

  @BeforeEach
  void createStore() {
    store =
        new ModelCacheStore(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore("models"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build(),
            codec,
            2,
            new ProcessorMetrics(registry).models());
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  @Test
  void shouldKeepAnUpdatedModelOutOfTheStoreUntilTheCommitFlushesIt() {
    ModelRecord record = record(T, 1);

    store.update("a", record);

    assertThat(store.get("a")).as("nothing stored before the commit").isNull();
    assertThat(store.model("a")).isSameAs(record);
    store.flushCache();
    assertThat(codec.decode(store.get("a"))).isEqualTo(record);
  }

  @Test
  void shouldDropUncommittedModelsWhenTheCacheIsCleared() {
    store.update("a", record(T, 1));
    store.flushCache();
    store.update("a", record(T.plusSeconds(1), 2));

    store.clearCache();

    assertThat(store.model("a").observations()).as("back to the committed model").isEqualTo(1);
    assertThat(registry.get("vigil.processor.models.cached").gauge().value()).isEqualTo(1);
  }

  @Test
  void shouldWriteThroughADirtyModelWhenItIsEvicted() {
    store.update("a", record(T, 1));
    store.update("b", record(T, 1));
    store.update("c", record(T, 1));

    assertThat(store.cachedModels()).isEqualTo(2);
    assertThat(store.get("a")).isNotNull();
    assertThat(store.get("b")).isNull();
    assertThat(registry.get("vigil.processor.model.cache.evictions").counter().count())
        .isEqualTo(1);
  }

  @Test
  void shouldDeleteOnlyModelsIdleSinceBeforeTheCutoffInBoundedChunks() {
    for (int i = 0; i < 5; i++) {
      store.update("k" + i, record(T.plusSeconds(i), 1));
      store.flushCache();
    }

    int first = store.evictIdle(T.plusSeconds(3), 2);
    int rest = store.evictIdle(T.plusSeconds(3), 10);

    assertThat(first + rest).isEqualTo(3);
    assertThat(store.get("k2")).isNull();
    assertThat(store.get("k3")).isNotNull();
    assertThat(store.get("k4")).isNotNull();
  }

  private static ModelRecord record(Instant time, long observations) {
    EwmaState model =
        new EwmaDetector(EwmaParameters.defaults())
            .score(EwmaState.empty(), Map.of("value", 1.0), time)
            .model();
    KeyState<Object> state = new KeyState<>(model, observations, null, 0, 0.0);
    return new ModelRecord("ewma", state, time, null, Map.of());
  }
}
