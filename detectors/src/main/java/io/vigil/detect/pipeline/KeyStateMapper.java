package io.vigil.detect.pipeline;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import java.util.Objects;

/**
 * Binary form of {@link KeyState}. Format v1, big-endian: version byte (1), long observations,
 * boolean has last alert [long epoch seconds, int nanos], long suppressed, length-prefixed model in
 * the detector's own format.
 */
public final class KeyStateMapper<M> implements StateMapper<KeyState<M>> {
  public static final int VERSION = 1;
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
    return StateCodec.encode(
        VERSION,
        out -> {
          out.writeLong(state.observations());
          StateCodec.writeInstant(out, state.lastAlert());
          out.writeLong(state.suppressed());
          StateCodec.writeBlob(out, inner.toBytes(state.model()));
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
          M model = inner.fromBytes(StateCodec.readBlob(in));
          return new KeyState<>(version, model, observations, lastAlert, suppressed);
        });
  }
}
