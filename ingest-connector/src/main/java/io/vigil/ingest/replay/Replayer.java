package io.vigil.ingest.replay;

import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.kafka.DurableProducers;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays CSV and NDJSON inputs into the events topic, in input order (one idempotent producer with
 * {@code acks=all}, so the order per key survives retries). Every line is validated by the schemas'
 * {@link EventParser}; a bad line is reported with its line number and sent, as read, to the
 * dead-letter topic ({@link DeadLetter} stage {@value #STAGE}, source topic {@code file:<name>},
 * partition -1, offset = line number); it never stops the replay. The record timestamp is the event
 * time, as for the generator.
 */
public final class Replayer implements AutoCloseable {
  /** Dead-letter stage of bad replay lines. */
  public static final String STAGE = "ingest.replay";

  private static final Logger log = LoggerFactory.getLogger(Replayer.class);
  private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Producer<String, byte[]> producer;
  private final Topic<String, Event> events;
  private final String deadLetterTopic;
  private final EventParser parser;

  private Replayer(
      Producer<String, byte[]> producer,
      Topic<String, Event> events,
      String deadLetterTopic,
      EventParser parser) {
    this.producer = producer;
    this.events = events;
    this.deadLetterTopic = deadLetterTopic;
    this.parser = parser;
  }

  /** Creates the topics if configured to and opens the producer. */
  public static Replayer open(KafkaSettings kafka, EventLimits limits, Clock clock) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    if (kafka.createTopics()) {
      new TopicProvisioner(kafka.clientConfig())
          .ensure(
              List.of(
                  new NewTopic(
                      topics.events().name(), kafka.partitions(), kafka.replicationFactor()),
                  new NewTopic(
                      topics.eventsDeadLetter().name(),
                      kafka.partitions(),
                      kafka.replicationFactor())));
    }
    Map<String, Object> props = DurableProducers.config(kafka.clientConfig());
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    Producer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    return new Replayer(
        producer,
        topics.events(),
        topics.eventsDeadLetter().name(),
        new EventParser(limits, clock));
  }

  /**
   * Replays the inputs one after the other, paced by {@code speed}, and returns once every record
   * sent has been acknowledged or has failed.
   */
  public ReplaySummary replay(List<ReplayInput> inputs, ReplaySpeed speed, ReplayProgress progress)
      throws IOException {
    Run run = new Run(inputs, speed, progress);
    for (ReplayInput input : inputs) {
      run.replay(input);
    }
    producer.flush();
    run.report();
    return new ReplaySummary(
        run.lines,
        run.eventsAcked.get(),
        run.deadLettersAcked.get(),
        run.failed.get(),
        Duration.ofNanos(System.nanoTime() - run.startNanos));
  }

  /** The state of one replay call. */
  private final class Run {
    final ReplaySpeed speed;
    final ReplayProgress progress;
    final long totalBytes;
    final long startNanos = System.nanoTime();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong eventsAcked = new AtomicLong();
    final AtomicLong deadLettersAcked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Callback eventSent = (m, e) -> acked(eventsAcked, e);
    final Callback deadLetterSent = (m, e) -> acked(deadLettersAcked, e);
    long lines;
    long sent;
    long lastReport;
    long firstEventMillis = -1;

    Run(List<ReplayInput> inputs, ReplaySpeed speed, ReplayProgress progress) {
      this.speed = speed;
      this.progress = progress;
      this.totalBytes =
          inputs.stream().anyMatch(i -> i.size() < 0)
              ? -1
              : inputs.stream().mapToLong(ReplayInput::size).sum();
    }

    private void acked(AtomicLong counter, Exception failure) {
      if (failure == null) {
        counter.incrementAndGet();
      } else if (failed.incrementAndGet() == 1) {
        log.warn("the broker did not take a record (later failures are only counted)", failure);
      }
    }

    void replay(ReplayInput input) throws IOException {
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(counting(input.opener().open()), StandardCharsets.UTF_8))) {
        CsvEvents csv = null;
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lineNumber++;
          lines++;
          if (line.isBlank()) {
            continue;
          }
          if (input.format() == ReplayFormat.CSV && csv == null) {
            try {
              csv = CsvEvents.header(line, input.defaultKey());
            } catch (IllegalArgumentException e) {
              deadLetter(input, lineNumber, line, e.getMessage());
              throw new IOException(input.name() + ":" + lineNumber + ": " + e.getMessage(), e);
            }
            continue;
          }
          ParseResult<Event> result;
          try {
            result =
                csv == null
                    ? parser.parse(line.getBytes(StandardCharsets.UTF_8))
                    : parser.parse(csv.row(line));
          } catch (IllegalArgumentException e) {
            deadLetter(input, lineNumber, line, e.getMessage());
            continue;
          }
          if (result instanceof ParseResult.Rejected<Event> rejected) {
            deadLetter(input, lineNumber, line, rejected.rejection().reason());
          } else {
            send(((ParseResult.Accepted<Event>) result).value());
          }
          maybeReport();
        }
      }
    }

    private void send(Event event) {
      long millis = event.timestamp().toEpochMilli();
      pace(millis);
      producer.send(
          new ProducerRecord<>(
              events.name(),
              null,
              millis,
              event.key(),
              events.valueSerde().serializer().serialize(events.name(), event)),
          eventSent);
      sent++;
    }

    private void pace(long eventMillis) {
      if (speed.unpaced()) {
        return;
      }
      if (firstEventMillis < 0) {
        firstEventMillis = eventMillis;
      }
      long dueNanos = startNanos + speed.wallNanos(eventMillis - firstEventMillis);
      for (long wait = dueNanos - System.nanoTime();
          wait > 0;
          wait = dueNanos - System.nanoTime()) {
        maybeReport();
        LockSupport.parkNanos(Math.min(wait, PROGRESS_NANOS));
      }
    }

    private void deadLetter(ReplayInput input, long lineNumber, String line, String reason) {
      progress.badLine(input.name(), lineNumber, reason);
      DeadLetter letter = new DeadLetter(STAGE, reason, "file:" + input.name(), -1, lineNumber);
      // No key: a bad line may have no usable one; the headers say where it came from.
      producer.send(
          new ProducerRecord<String, byte[]>(
              deadLetterTopic,
              null,
              null,
              null,
              line.getBytes(StandardCharsets.UTF_8),
              letter.toHeaders()),
          deadLetterSent);
    }

    private void maybeReport() {
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_NANOS) {
        lastReport = now;
        report();
      }
    }

    void report() {
      progress.update(bytesRead.get(), totalBytes, lines, sent);
    }

    private InputStream counting(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            bytesRead.incrementAndGet();
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            bytesRead.addAndGet(n);
          }
          return n;
        }
      };
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
