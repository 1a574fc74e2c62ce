package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import java.util.Objects;

/**
 * What a Vigil profile's state costs after a timed repetition, and how long it takes to get back.
 *
 * @param stateDirBytesPerKey bytes of the application's state directory (RocksDB files,
 *     checkpoints) over the keys
 * @param changelogBytesPerKey bytes of the latest changelog value of each key (what compaction
 *     leaves of the models changelog), key included, over the keys
 * @param restoreSeconds from starting a new instance of the application with its state directory
 *     deleted to Kafka Streams RUNNING: the whole models store restored from its changelog
 * @param restoredKeys keys in the models changelog
 */
public record StateMeasurement(
    Profile profile,
    ProcessingGuarantee guarantee,
    int keys,
    double stateDirBytesPerKey,
    double changelogBytesPerKey,
    double restoreSeconds,
    long restoredKeys) {

  public StateMeasurement {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(guarantee, "guarantee");
  }
}
