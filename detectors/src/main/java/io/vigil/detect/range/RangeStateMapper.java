package io.vigil.detect.range;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary form of {@link RangeState}. Format v1, big-endian: version byte (1), int feature count,
 * per feature sorted by name: UTF name, long count, double mean, spread, min, max.
 */
public final class RangeStateMapper implements StateMapper<RangeState> {
  public static final int VERSION = 1;

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(RangeState state) {
    return StateCodec.encode(
        VERSION,
        out -> {
          out.writeInt(state.features().size());
          for (var entry : state.features().entrySet()) {
            RangeState.Feature f = entry.getValue();
            out.writeUTF(entry.getKey());
            out.writeLong(f.count());
            out.writeDouble(f.mean());
            out.writeDouble(f.spread());
            out.writeDouble(f.min());
            out.writeDouble(f.max());
          }
        });
  }

  @Override
  public RangeState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "range",
        VERSION,
        bytes,
        (in, version) -> {
          int count = StateCodec.readCount(in);
          Map<String, RangeState.Feature> features = new TreeMap<>();
          for (int i = 0; i < count; i++) {
            features.put(
                in.readUTF(),
                new RangeState.Feature(
                    in.readLong(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble(),
                    in.readDouble()));
          }
          return new RangeState(features);
        });
  }
}
