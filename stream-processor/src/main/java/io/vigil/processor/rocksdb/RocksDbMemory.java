package io.vigil.processor.rocksdb;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of a Kafka Streams instance: a block cache shared by
 * all stores, with the memtables (write buffers) charged to the same cache, so the instance's
 * RocksDB memory stays near {@code bytes} however many tasks it runs. Handed to {@link
 * BoundedMemoryConfigSetter} through the Streams properties (no static state); closed by the
 * application after Kafka Streams.
 */
public final class RocksDbMemory implements AutoCloseable {
  /** Streams property carrying the instance to the config setter. */
  public static final String PROPERTY = "vigil.rocksdb.memory";

  /** Share of the budget the memtables may take. */
  static final double WRITE_BUFFER_SHARE = 0.25;

  /** Share of the cache kept for index and filter blocks. */
  static final double HIGH_PRIORITY_SHARE = 0.1;

  private final Cache cache;
  private final WriteBufferManager writeBuffers;

  private RocksDbMemory(long bytes) {
    // Kafka Streams loads the native library only when it opens the first store; this runs before.
    RocksDB.loadLibrary();
    this.cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
    this.writeBuffers = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
  }

  public static RocksDbMemory of(long bytes) {
    return new RocksDbMemory(bytes);
  }

  /** What to add to the Streams properties. */
  public Map<String, Object> streamsProperties() {
    return Map.of(
        PROPERTY,
        this,
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
        BoundedMemoryConfigSetter.class);
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBuffers() {
    return writeBuffers;
  }

  @Override
  public void close() {
    writeBuffers.close();
    cache.close();
  }
}
