package io.vigil.sink.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A {@link MockConsumer} that reads from an in-memory log like a real consumer: poll returns what
 * lies at the current positions (so seeking back re-reads records), paused partitions return
 * nothing, and an empty poll waits for its timeout or a wake-up instead of returning at once.
 */
final class LogConsumer extends MockConsumer<String, byte[]> {
  private final String topic;
  private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> log = new HashMap<>();
  private final Consumer<String> journal;
  private int maxPollRecords = 500;

  LogConsumer(String topic, int partitions, Consumer<String> journal) {
    super("earliest");
    this.topic = topic;
    this.journal = journal;
    Map<TopicPartition, Long> beginnings = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition partition = new TopicPartition(topic, p);
      log.put(partition, new ArrayList<>());
      beginnings.put(partition, 0L);
    }
    updateBeginningOffsets(beginnings);
  }

  static TopicPartition partition(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }

  /** Appends a record to a partition's log; returns its offset. */
  synchronized long append(int partition, String key, byte[] value) {
    List<ConsumerRecord<String, byte[]>> records = log.get(new TopicPartition(topic, partition));
    long offset = records.size();
    records.add(new ConsumerRecord<>(topic, partition, offset, key, value));
    notifyAll();
    return offset;
  }

  /**
   * Appends a transaction marker: it takes an offset but is never returned. A fetch stops before
   * it, and a later fetch steps over it without returning anything, as the real consumer does with
   * a marker that arrives after its transaction's records.
   */
  synchronized void appendMarker(int partition) {
    log.get(new TopicPartition(topic, partition)).add(null);
    notifyAll();
  }

  synchronized void maxPollRecords(int max) {
    this.maxPollRecords = max;
  }

  @Override
  public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
    ConsumerRecords<String, byte[]> records = fetch();
    if (records.isEmpty() && timeout.toMillis() > 0) {
      try {
        wait(timeout.toMillis());
      } catch (InterruptedException e) {
        throw new InterruptException(e);
      }
      records = fetch();
    }
    return records;
  }

  private ConsumerRecords<String, byte[]> fetch() {
    // Runs scheduled poll tasks, throws on wake-up, initialises positions; adds no records.
    super.poll(Duration.ZERO);
    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> batch = new LinkedHashMap<>();
    Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
    int room = maxPollRecords;
    for (TopicPartition partition : assignment()) {
      if (paused().contains(partition) || room == 0) {
        continue;
      }
      long position = position(partition);
      List<ConsumerRecord<String, byte[]>> entries = log.get(partition);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      for (long o = position; o < entries.size() && records.size() < room; o++) {
        if (entries.get((int) o) == null) {
          break;
        }
        records.add(entries.get((int) o));
      }
      if (records.isEmpty()) {
        long past = position;
        while (past < entries.size() && entries.get((int) past) == null) {
          past++;
        }
        if (past > position) {
          seek(partition, past);
        }
      }
      if (!records.isEmpty()) {
        long after = records.get(records.size() - 1).offset() + 1;
        seek(partition, after);
        batch.put(partition, records);
        next.put(partition, new OffsetAndMetadata(after));
        room -= records.size();
      }
    }
    return new ConsumerRecords<>(batch, next);
  }

  @Override
  public synchronized void wakeup() {
    super.wakeup();
    notifyAll();
  }

  @Override
  public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    journal.accept("commit " + new TreeMap<>(offsetsByPartition(offsets)));
    super.commitSync(offsets);
  }

  private static Map<Integer, Long> offsetsByPartition(
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<Integer, Long> byPartition = new HashMap<>();
    offsets.forEach((tp, offset) -> byPartition.put(tp.partition(), offset.offset()));
    return byPartition;
  }
}
