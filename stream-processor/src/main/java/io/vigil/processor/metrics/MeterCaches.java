package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Meters registered once and then looked up without allocating: the per-event paths must not build
 * tags or strings, and the registry's own look-up does both. Maps of meters by tag value are read
 * with a plain {@code get} first, and {@code computeIfAbsent} (with its capturing lambda) only when
 * the value is new.
 */
final class MeterCaches {
  private MeterCaches() {}

  /**
   * The registry a binder binds to: only once, since the meters it makes later on go to that one.
   *
   * @param bound the registry it is bound to already, or null
   */
  static MeterRegistry bindOnce(MeterRegistry bound, MeterRegistry registry, Object binder) {
    if (bound != null) {
      throw new IllegalStateException(binder.getClass().getSimpleName() + " is bound already");
    }
    return Objects.requireNonNull(registry, "registry");
  }

  /** One counter per value of {@code values}, tagged with its lower-case name, all at 0. */
  static <E extends Enum<E>> Map<E, Counter> countersByValue(
      MeterRegistry registry, String name, String description, String tag, Class<E> values) {
    Map<E, Counter> counters = new EnumMap<>(values);
    for (E value : values.getEnumConstants()) {
      counters.put(
          value,
          Counter.builder(name)
              .description(description)
              .tag(tag, value.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    return counters;
  }

  /**
   * Meters of one name and tags, one per partition, each registered on first use and then read from
   * an array. Partition -1 (Kafka's "unknown") has a slot too.
   */
  static final class PerPartition<M> {
    private final IntFunction<M> register;
    private volatile Object[] meters = new Object[0];

    PerPartition(IntFunction<M> register) {
      this.register = register;
    }

    @SuppressWarnings("unchecked")
    M get(int partition) {
      Object[] current = meters;
      int slot = partition + 1;
      if (slot >= 0 && slot < current.length && current[slot] != null) {
        return (M) current[slot];
      }
      return slot < 0 ? register.apply(partition) : create(slot, partition);
    }

    @SuppressWarnings("unchecked")
    private synchronized M create(int slot, int partition) {
      Object[] current = meters;
      if (slot < current.length && current[slot] != null) {
        return (M) current[slot];
      }
      Object[] next = Arrays.copyOf(current, Math.max(current.length, slot + 1));
      M meter = register.apply(partition);
      next[slot] = meter;
      meters = next;
      return meter;
    }
  }
}
