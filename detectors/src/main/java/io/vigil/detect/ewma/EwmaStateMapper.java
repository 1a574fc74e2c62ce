package io.vigil.detect.ewma;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compact binary form of {@link EwmaState}. Format v1, big-endian ({@link DataOutputStream}):
 *
 * <pre>
 * byte     format version (1)
 * boolean  has last event time
 *   long   epoch seconds   } only if present
 *   int    nanoseconds     }
 * int      feature count
 * per feature, sorted by name:
 *   UTF    name (modified UTF-8)
 *   long   count
 *   double mean
 *   double variance
 *   int    clipped run
 * </pre>
 *
 * A new format gets a new version byte and this mapper keeps a reader for every older one.
 */
public final class EwmaStateMapper implements StateMapper<EwmaState> {
  public static final int VERSION = 1;

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(EwmaState state) {
    return StateCodec.encode(
        VERSION,
        32 + 48 * state.features().size(),
        out -> {
          out.writeBoolean(state.lastEventTime() != null);
          if (state.lastEventTime() != null) {
            out.writeLong(state.lastEventTime().getEpochSecond());
            out.writeInt(state.lastEventTime().getNano());
          }
          out.writeInt(state.features().size());
          for (var entry : state.features().entrySet()) {
            FeatureStats stats = entry.getValue();
            out.writeUTF(entry.getKey());
            out.writeLong(stats.count());
            out.writeDouble(stats.mean());
            out.writeDouble(stats.variance());
            out.writeInt(stats.clippedRun());
          }
        });
  }

  @Override
  public EwmaState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "EWMA",
        VERSION,
        bytes,
        (in, version) -> {
          Instant lastEventTime =
              in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
          int size = in.readInt();
          if (size < 0 || size > bytes.length) {
            throw new StateFormatException("EWMA state claims " + size + " features");
          }
          SortedMap<String, FeatureStats> features = new TreeMap<>();
          for (int i = 0; i < size; i++) {
            features.put(
                in.readUTF(),
                new FeatureStats(in.readLong(), in.readDouble(), in.readDouble(), in.readInt()));
          }
          return new EwmaState(features, lastEventTime);
        });
  }
}
