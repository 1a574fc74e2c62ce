package io.vigil.detect.calibration;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;

/**
 * Binary form of {@link LikelihoodState}. Format v1, big-endian: version byte (1), int n, n doubles
 * (recent raw scores, oldest first), long count, double mean, double variance.
 */
public final class LikelihoodStateMapper implements StateMapper<LikelihoodState> {
  public static final int VERSION = 1;

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(LikelihoodState state) {
    return StateCodec.encode(
        VERSION,
        out -> {
          double[] recent = state.recent();
          out.writeInt(recent.length);
          for (double score : recent) {
            out.writeDouble(score);
          }
          out.writeLong(state.count());
          out.writeDouble(state.mean());
          out.writeDouble(state.variance());
        });
  }

  @Override
  public LikelihoodState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "likelihood",
        VERSION,
        bytes,
        (in, version) -> {
          double[] recent = new double[StateCodec.readCount(in)];
          for (int i = 0; i < recent.length; i++) {
            recent[i] = in.readDouble();
          }
          return new LikelihoodState(recent, in.readLong(), in.readDouble(), in.readDouble());
        });
  }
}
