package io.vigil.processor;

import io.vigil.schemas.anomaly.SourcePosition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events flowing at a steady rate for integration tests: {@code perTick} events every 20 ms,
 * round-robin over {@code keys} keys named {@code <prefix><n>}, one millisecond of event time
 * apart. Remembers where each acknowledged event landed and when it was sent.
 */
public final class SteadyInput implements AutoCloseable {
  private static final long TICK_MS = 20;

  private final KafkaProducer<String, byte[]> producer;
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
  private final Map<SourcePosition, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<SourcePosition, String> keyOf = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  private SteadyInput(String bootstrapServers) {
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Starts sending to {@code topic} at once. */
  public static SteadyInput start(
      String bootstrapServers, String topic, String prefix, int keys, int perTick) {
    SteadyInput input = new SteadyInput(bootstrapServers);
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    input.ticks.scheduleAtFixedRate(
        () -> {
          for (int i = 0; i < perTick; i++) {
            int n = input.next.getAndIncrement();
            String key = prefix + (n % keys);
            long sent = System.nanoTime();
            input.producer.send(
                new ProducerRecord<>(
                    topic, key, TestEvents.json(key, t0.plusMillis(n), 50 + n % 5, "e-" + n)),
                (metadata, error) -> {
                  if (error == null) {
                    SourcePosition position =
                        new SourcePosition(
                            metadata.topic(), metadata.partition(), metadata.offset());
                    input.keyOf.put(position, key);
                    input.sentAt.put(position, sent);
                  }
                });
          }
        },
        0,
        TICK_MS,
        TimeUnit.MILLISECONDS);
    return input;
  }

  /** Stops sending and waits until every event sent is acknowledged. */
  public void stop() throws InterruptedException {
    ticks.shutdown();
    if (!ticks.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the input did not stop");
    }
    producer.flush();
  }

  /** Where the acknowledged events landed. */
  public Set<SourcePosition> sent() {
    return Set.copyOf(sentAt.keySet());
  }

  /** When the event at {@code position} was sent ({@link System#nanoTime}), or null. */
  public Long sentAt(SourcePosition position) {
    return sentAt.get(position);
  }

  /** The acknowledged events of {@code key}. */
  public long sentOf(String key) {
    return keyOf.values().stream().filter(key::equals).count();
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    producer.close();
  }
}
