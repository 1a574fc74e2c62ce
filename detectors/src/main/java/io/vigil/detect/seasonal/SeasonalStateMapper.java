package io.vigil.detect.seasonal;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.EwmaStateMapper;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary form of {@link SeasonalState}. Format v1, big-endian:
 *
 * <pre>
 * byte     format version (1)
 * int+n    global EWMA state, length-prefixed, in {@link EwmaStateMapper}'s format
 * int      bucket count
 * per bucket, ascending index:
 *   int    bucket index
 *   int+n  bucket EWMA state, length-prefixed
 * </pre>
 *
 * The nested EWMA states carry their own version byte, so they upgrade on their own.
 */
public final class SeasonalStateMapper implements StateMapper<SeasonalState> {
  public static final int VERSION = 1;
  private final EwmaStateMapper ewma = new EwmaStateMapper();

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(SeasonalState state) {
    return StateCodec.encode(
        VERSION,
        out -> {
          StateCodec.writeBlob(out, ewma.toBytes(state.global()));
          out.writeInt(state.buckets().size());
          for (var entry : state.buckets().entrySet()) {
            out.writeInt(entry.getKey());
            StateCodec.writeBlob(out, ewma.toBytes(entry.getValue()));
          }
        });
  }

  @Override
  public SeasonalState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "seasonal",
        VERSION,
        bytes,
        (in, version) -> {
          EwmaState global = ewma.fromBytes(StateCodec.readBlob(in));
          int count = StateCodec.readCount(in);
          SortedMap<Integer, EwmaState> buckets = new TreeMap<>();
          for (int i = 0; i < count; i++) {
            buckets.put(in.readInt(), ewma.fromBytes(StateCodec.readBlob(in)));
          }
          return new SeasonalState(global, buckets);
        });
  }
}
