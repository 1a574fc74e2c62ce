package io.vigil.processor.model;

import io.vigil.processor.metrics.ModelStoreMetrics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the {@code models} store: RocksDB, changelogged, no Kafka Streams record cache (the {@link
 * ModelCacheStore} in front of it is the cache), wrapped by the model cache.
 */
public final class ModelCacheStoreBuilder implements StoreBuilder<ModelCacheStore> {
  private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
  private final ModelCodec codec;
  private final int capacity;
  private final ModelStoreMetrics metrics;

  public ModelCacheStoreBuilder(
      String name, ModelCodec codec, int capacity, ModelStoreMetrics metrics) {
    this.inner =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
            .withLoggingEnabled(Map.of())
            .withCachingDisabled();
    this.codec = codec;
    this.capacity = capacity;
    this.metrics = metrics;
  }

  @Override
  public ModelCacheStore build() {
    return new ModelCacheStore(inner.build(), codec, capacity, metrics);
  }

  @Override
  public StoreBuilder<ModelCacheStore> withCachingEnabled() {
    throw new UnsupportedOperationException("the model cache replaces the record cache");
  }

  @Override
  public StoreBuilder<ModelCacheStore> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<ModelCacheStore> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<ModelCacheStore> withLoggingDisabled() {
    throw new UnsupportedOperationException("models must be changelogged");
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
