package io.vigil.detect.pipeline;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import java.util.Objects;

/**
 * Binary form of {@link KeyState}. Format v2, big-endian: version byte (2), long observations,
 * boolean has last alert [long epoch seconds, int nanos], long suppressed, double incident peak,
 * length-prefixed model in the detector's own format. v1 (the first release) is v2 without the
 * incident peak; an open incident read from v1 gets an infinite peak (nothing escalates until it
 * closes), as v1 never let an alert through its suppression window.
 */
public final class KeyStateMapper<M> implements StateMapper<KeyState<M>> {
  public static final int VERSION = 2;
  private final StateMapper<M> inner;

  public KeyStateMapper(StateMapper<M> inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(KeyState<M> state) {
    byte[] model = inner.toBytes(state.model());
    return StateCodec.encode(
        VERSION,
        model.length + 48,
        out -> {
          out.writeLong(state.observations());
          StateCodec.writeInstant(out, state.lastAlert());
          out.writeLong(state.suppressed());
          out.writeDouble(state.incidentPeak());
          StateCodec.writeBlob(out, model);
        });
  }

  @Override
  public KeyState<M> fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "key",
        VERSION,
        bytes,
        (in, version) -> {
          long observations = in.readLong();
          var lastAlert = StateCodec.readInstant(in);
          long suppressed = in.readLong();
          double peak;
          if (version == 1) {
            peak = lastAlert == null ? 0.0 : Double.POSITIVE_INFINITY;
          } else {
            peak = in.readDouble();
          }
          M model = inner.fromBytes(StateCodec.readBlob(in));
          return new KeyState<>(model, observations, lastAlert, suppressed, peak);
        });
  }
}
