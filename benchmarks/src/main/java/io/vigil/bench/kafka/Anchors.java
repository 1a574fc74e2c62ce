package io.vigil.bench.kafka;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topologies Vigil is measured against. Both read the events topic as raw bytes
 * (no parsing) keyed by series key, and write one record per event.
 */
final class Anchors {
  /** The store-only topology's store: persistent (RocksDB), changelogged, not cached. */
  static final String STORE = "bench-store";

  private Anchors() {}

  /** Every record written unchanged to {@code output}. */
  static Topology passThrough(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source"))
        .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("sink"));
    return builder.build();
  }

  /**
   * Per event one get and one put (a per-key event count, 8 bytes) on a RocksDB store keyed by the
   * record key, which is the series key, as Vigil's model store is; then the record unchanged to
   * {@code output}. No record cache, so every event reaches RocksDB and the changelog, as Vigil's
   * write-back does for every changed model.
   */
  static Topology storeOnly(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
            .withCachingDisabled());
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source"))
        .processValues(CountPerKey::new, Named.as("get-put"), STORE)
        .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("sink"));
    return builder.build();
  }

  private static final class CountPerKey implements FixedKeyProcessor<String, byte[], byte[]> {
    private FixedKeyProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      byte[] stored = store.get(record.key());
      long count = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
      store.put(record.key(), ByteBuffer.allocate(Long.BYTES).putLong(count + 1).array());
      context.forward(record);
    }
  }
}
