package io.vigil.sink.consume;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Continues the traces of the records a batch write stores: one span per write, a child of the
 * first record's trace (its W3C {@code traceparent} header, put there by the producer upstream) and
 * linked to the other records' traces, so that a trace runs from the ingest request through the
 * processor to the database write (whose JDBC spans become children of this one). A no-op unless an
 * OpenTelemetry SDK is installed, e.g. by the Java agent.
 */
final class WriteTracing {
  private static final int MAX_LINKS = 128;
  private static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
          Header header = headers == null ? null : headers.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private final OpenTelemetry telemetry;
  private final Tracer tracer;
  private final String target;

  WriteTracing(OpenTelemetry telemetry, String target) {
    this.telemetry = telemetry;
    this.tracer = telemetry.getTracer("io.vigil.sink");
    this.target = target;
  }

  /** Runs {@code write} inside a span continuing the records' traces. */
  void write(List<ConsumerRecord<String, byte[]>> records, Runnable write) {
    SpanBuilder builder =
        tracer
            .spanBuilder("write " + target)
            .setAttribute("vigil.sink.target", target)
            .setAttribute("messaging.batch.message_count", (long) records.size());
    boolean parented = false;
    int links = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      Context upstream =
          telemetry
              .getPropagators()
              .getTextMapPropagator()
              .extract(Context.root(), record.headers(), HEADERS);
      SpanContext context = Span.fromContext(upstream).getSpanContext();
      if (!context.isValid()) {
        continue;
      }
      if (!parented) {
        builder.setParent(upstream);
        parented = true;
      } else if (links++ < MAX_LINKS) {
        builder.addLink(context);
      }
    }
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      write.run();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
