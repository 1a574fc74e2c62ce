package io.vigil.detect.calibration;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import java.util.Objects;

/**
 * Binary form of {@link CalibratedState}. Format v1: version byte (1), the likelihood state
 * (length-prefixed, {@link LikelihoodStateMapper}'s format), the inner model (length-prefixed, in
 * the inner detector's format).
 */
public final class CalibratedStateMapper<M> implements StateMapper<CalibratedState<M>> {
  public static final int VERSION = 1;
  private final StateMapper<M> inner;
  private final LikelihoodStateMapper likelihood = new LikelihoodStateMapper();

  public CalibratedStateMapper(StateMapper<M> inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(CalibratedState<M> state) {
    return StateCodec.encode(
        VERSION,
        out -> {
          StateCodec.writeBlob(out, likelihood.toBytes(state.likelihood()));
          StateCodec.writeBlob(out, inner.toBytes(state.model()));
        });
  }

  @Override
  public CalibratedState<M> fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "calibrated",
        VERSION,
        bytes,
        (in, version) -> {
          LikelihoodState calibration = likelihood.fromBytes(StateCodec.readBlob(in));
          return new CalibratedState<>(inner.fromBytes(StateCodec.readBlob(in)), calibration);
        });
  }
}
