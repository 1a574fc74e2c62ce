package io.vigil.processor.model;

import io.vigil.detect.StateFormatException;
import io.vigil.processor.metrics.ModelStoreMetrics;
import io.vigil.processor.metrics.ModelStoreMetrics.ModelReset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code models} store: a bounded LRU of deserialised {@link ModelRecord}s in front of the
 * persistent, changelogged store of their bytes, so the hot path neither deserialises nor
 * serialises a model per event.
 *
 * <p><b>Write-back on commit.</b> {@link #get}/{@link #put} (the scorer's typed API) work on the
 * cache; a put only marks the entry dirty. Kafka Streams calls {@link #flushCache()} on every store
 * of a task when it prepares a commit, before it flushes the producer and commits the offsets (in
 * the same transaction under exactly-once); that is when every dirty model is serialised and put
 * into the inner store, whose change-logging layer sends it to the changelog. An evicted dirty
 * entry is written through at once. So the stored (and changelogged) model always belongs to the
 * committed offsets: if the task dies before its commit, the transaction with the input offsets is
 * aborted and the unflushed models are lost with it; the restored store is the last commit.
 *
 * <p><b>Byte view.</b> As a {@code KeyValueStore<String, byte[]>} (for interactive queries, tests
 * and tools) it reads and writes the inner store directly, i.e. the committed models; writes drop
 * the key from the cache. Only the stream thread uses the typed API; interactive queries only read
 * the inner store, which is safe from other threads.
 */
public final class ModelCacheStore
    extends WrappedStateStore<KeyValueStore<String, byte[]>, String, byte[]>
    implements KeyValueStore<String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(ModelCacheStore.class);

  private final ModelCodec codec;
  private final int capacity;
  private final ModelStoreMetrics metrics;
  private final LinkedHashMap<String, Entry> cache;
  private InternalProcessorContext<?, ?> internalContext;
  private String ttlCursor;

  ModelCacheStore(
      KeyValueStore<String, byte[]> inner,
      ModelCodec codec,
      int capacity,
      ModelStoreMetrics metrics) {
    super(inner);
    this.codec = codec;
    this.capacity = capacity;
    this.metrics = metrics;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() <= ModelCacheStore.this.capacity) {
              return false;
            }
            evicted(eldest.getKey(), eldest.getValue());
            return true;
          }
        };
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    if (context instanceof InternalProcessorContext<?, ?> internal) {
      this.internalContext = internal;
    }
    super.init(context, root);
  }

  /**
   * The model cache under the read-write decorator Kafka Streams puts around every key-value store
   * it hands to a processor (the decorator knows only the byte view).
   */
  public static ModelCacheStore unwrap(StateStore store) {
    if (store instanceof ModelCacheStore models) {
      return models;
    }
    if (store instanceof WrappedStateStore<?, ?, ?> wrapper) {
      return unwrap(wrapper.wrapped());
    }
    throw new IllegalStateException("store " + store.name() + " is not a model cache");
  }

  /** The model record of {@code key}, or null when there is none or it cannot be read. */
  public ModelRecord model(String key) {
    Entry entry = cache.get(key);
    if (entry != null) {
      metrics.cacheHit();
      return entry.record;
    }
    metrics.cacheMiss();
    byte[] bytes = wrapped().get(key);
    if (bytes == null) {
      return null;
    }
    try {
      ModelRecord record = codec.decode(bytes);
      cache(key, new Entry(record, false, null));
      return record;
    } catch (StateFormatException e) {
      // Losing one series' history beats stopping every series in the task on it.
      log.warn("stored model of series {} is unreadable, starting afresh: {}", key, e.getMessage());
      metrics.modelReset(ModelReset.UNREADABLE);
      return null;
    }
  }

  /** Replaces the model of {@code key}; stored at the next commit (or when evicted). */
  public void update(String key, ModelRecord record) {
    ProcessorRecordContext origin =
        internalContext == null ? null : internalContext.recordContext();
    cache(key, new Entry(record, true, origin));
  }

  /**
   * Deletes the models of up to {@code maxScan} stored keys, from where the last call stopped,
   * whose last event is before {@code cutoff}; wraps around at the end. Bounded so a punctuation
   * never stalls the task on a large store.
   *
   * @return the number of models deleted
   */
  public int evictIdle(Instant cutoff, int maxScan) {
    List<String> idle = new ArrayList<>();
    int scanned = 0;
    String last = null;
    try (KeyValueIterator<String, byte[]> it = wrapped().range(ttlCursor, null)) {
      while (it.hasNext() && scanned < maxScan) {
        KeyValue<String, byte[]> next = it.next();
        scanned++;
        last = next.key;
        if (next.key.equals(ttlCursor)) {
          continue;
        }
        Entry cached = cache.get(next.key);
        if (lastEventTime(next.value, cached).isBefore(cutoff)) {
          idle.add(next.key);
        }
      }
      ttlCursor = it.hasNext() ? last : null;
    }
    for (String key : idle) {
      drop(key);
      wrapped().delete(key);
    }
    return idle.size();
  }

  /**
   * Deletes the models of every key {@code keys} accepts, cached (not yet written back) or stored:
   * an operator's reset of a pattern. Scans the whole store of the task.
   *
   * @return the number of models deleted
   */
  public int deleteMatching(Predicate<String> keys) {
    Set<String> matching = new LinkedHashSet<>();
    for (String key : cache.keySet()) {
      if (keys.test(key)) {
        matching.add(key);
      }
    }
    try (KeyValueIterator<String, byte[]> it = wrapped().all()) {
      while (it.hasNext()) {
        String key = it.next().key;
        if (keys.test(key)) {
          matching.add(key);
        }
      }
    }
    matching.forEach(this::delete);
    return matching.size();
  }

  private Instant lastEventTime(byte[] stored, Entry cached) {
    if (cached != null) {
      return cached.record.lastEventTime();
    }
    try {
      return codec.lastEventTime(stored);
    } catch (StateFormatException e) {
      // Left alone: the scorer counts and replaces it when the key's next event comes.
      return Instant.MAX;
    }
  }

  /** Writes every dirty model to the inner store, then lets the inner store flush. */
  @Override
  public void flushCache() {
    for (var entry : cache.entrySet()) {
      if (entry.getValue().dirty) {
        writeBack(entry.getKey(), entry.getValue());
        entry.setValue(new Entry(entry.getValue().record, false, null));
      }
    }
    super.flushCache();
  }

  /**
   * Drops every cached model, dirty ones included. Kafka Streams calls it when it closes a task
   * dirty (its uncommitted work is abandoned); the scorer calls it when its task (re)starts, since
   * a store that served a standby in between may have been updated from the changelog below the
   * cache.
   */
  @Override
  public void clearCache() {
    metrics.modelsCached(-cache.size());
    cache.clear();
    ttlCursor = null;
    super.clearCache();
  }

  @Override
  public void close() {
    metrics.modelsCached(-cache.size());
    cache.clear();
    super.close();
  }

  /** Models in the cache of this store. */
  public int cachedModels() {
    return cache.size();
  }

  private void cache(String key, Entry entry) {
    if (cache.put(key, entry) == null) {
      metrics.modelsCached(1);
    }
  }

  private void drop(String key) {
    if (cache.remove(key) != null) {
      metrics.modelsCached(-1);
    }
  }

  private void evicted(String key, Entry entry) {
    metrics.cacheEviction();
    metrics.modelsCached(-1);
    if (entry.dirty) {
      writeBack(key, entry);
    }
  }

  /**
   * Puts the model's bytes into the inner store. The change-logging layer stamps the changelog
   * record with the current record context, which is unset while a commit flushes, so the context
   * of the event that last changed the model is put in place for the write, as Kafka Streams' own
   * record cache does.
   */
  private void writeBack(String key, Entry entry) {
    byte[] bytes = codec.encode(entry.record);
    if (internalContext == null || entry.origin == null) {
      wrapped().put(key, bytes);
      return;
    }
    ProcessorRecordContext current = internalContext.recordContext();
    internalContext.setRecordContext(entry.origin);
    try {
      wrapped().put(key, bytes);
    } finally {
      internalContext.setRecordContext(current);
    }
  }

  // Byte view: the committed models in the inner store.

  @Override
  public byte[] get(String key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<String, byte[]> range(String from, String to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<String, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }

  @Override
  public void put(String key, byte[] value) {
    drop(key);
    wrapped().put(key, value);
  }

  @Override
  public byte[] putIfAbsent(String key, byte[] value) {
    drop(key);
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<String, byte[]>> entries) {
    entries.forEach(e -> drop(e.key));
    wrapped().putAll(entries);
  }

  @Override
  public byte[] delete(String key) {
    drop(key);
    return wrapped().delete(key);
  }

  private record Entry(ModelRecord record, boolean dirty, ProcessorRecordContext origin) {}
}
