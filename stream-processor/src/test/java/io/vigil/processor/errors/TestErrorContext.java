package io.vigil.processor.errors;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** An error context as Kafka Streams would hand it to a handler. */
record TestErrorContext(
    String topic,
    int partition,
    long offset,
    Headers headers,
    String processorNodeId,
    byte[] sourceRawKey,
    byte[] sourceRawValue)
    implements ErrorHandlerContext {

  @Override
  public TaskId taskId() {
    return new TaskId(0, partition);
  }

  @Override
  public long timestamp() {
    return 0L;
  }
}
