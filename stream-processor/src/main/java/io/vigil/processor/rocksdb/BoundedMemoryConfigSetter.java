package io.vigil.processor.rocksdb;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Puts every RocksDB store on the shared {@link RocksDbMemory} budget (the pattern of the Kafka
 * Streams memory management guide): shared block cache, memtables charged to it, index and filter
 * blocks in it (pinned at the top level) instead of unbounded off-heap.
 */
public final class BoundedMemoryConfigSetter implements RocksDBConfigSetter {

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (!(configs.get(RocksDbMemory.PROPERTY) instanceof RocksDbMemory memory)) {
      throw new IllegalStateException(
          RocksDbMemory.PROPERTY + " must carry the RocksDbMemory of the instance");
    }
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(memory.writeBuffers());
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared: RocksDbMemory closes them with the app.
  }
}
