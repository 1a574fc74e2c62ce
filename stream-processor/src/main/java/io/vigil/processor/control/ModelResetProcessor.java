package io.vigil.processor.control;

import io.vigil.processor.metrics.ModelStoreMetrics;
import io.vigil.processor.metrics.ModelStoreMetrics.ModelReset;
import io.vigil.processor.model.ModelCacheStore;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.event.ParseResult;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies operator reset requests in the task that owns the keys: deletes their models from the
 * task's model store, so each key's next event starts a fresh model with a warm-up. It runs in the
 * scoring sub-topology on the same store, so under exactly-once the deletion commits atomically
 * with the request's offset: a request is applied once, whatever fails.
 */
public final class ModelResetProcessor implements Processor<String, ResetRequest, Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(ModelResetProcessor.class);

  private final ModelStoreMetrics metrics;
  private ModelCacheStore models;
  private int partition;

  public ModelResetProcessor(ModelStoreMetrics metrics) {
    this.metrics = metrics;
  }

  /** The request of a record, or none (counted and logged) when it is invalid. */
  public static List<ResetRequest> accepted(String key, byte[] value, ModelStoreMetrics metrics) {
    ParseResult<ResetRequest> result = ResetRequest.parse(key, value);
    if (result instanceof ParseResult.Accepted<ResetRequest> accepted) {
      return List.of(accepted.value());
    }
    metrics.resetRequest("rejected");
    log.warn(
        "rejected model reset request '{}': {}",
        key,
        ((ParseResult.Rejected<ResetRequest>) result).rejection().reason());
    return List.of();
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    models = ModelCacheStore.unwrap(context.getStateStore(ScoringProcessor.MODEL_STORE));
    partition = context.taskId().partition();
  }

  @Override
  public void process(Record<String, ResetRequest> record) {
    ResetRequest request = record.value();
    int reset;
    if (request.singleKey()) {
      reset = models.model(request.pattern()) == null ? 0 : 1;
      if (reset == 1) {
        models.delete(request.pattern());
      }
    } else {
      KeyPattern pattern = request.keyPattern();
      reset = models.deleteMatching(pattern::matches);
    }
    metrics.resetRequest("applied");
    metrics.modelResets(ModelReset.OPERATOR, reset);
    metrics.activeModelCount(partition).addAndGet(-reset);
    log.info(
        "reset {} model(s) of '{}' in task partition {}, asked by {}",
        reset,
        request.pattern(),
        partition,
        request.by());
  }
}
