package io.vigil.detect.rcf;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.EwmaStateMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Binary form of {@link RcfState}. Format v1, big-endian:
 *
 * <pre>
 * byte     format version (1)
 * int      feature count n (0 before the first observation)
 * n × UTF  feature names, sorted
 * n × double last value per feature
 * int+k    moving statistics, length-prefixed, in {@link EwmaStateMapper}'s format
 * int+k    forest, length-prefixed (absent when n = 0): the library's own
 *          {@link ThresholdedRandomCutForestState} (from {@link ThresholdedRandomCutForestMapper},
 *          compressed point store, trees rebuilt on load) in Java serialisation, deflated
 * </pre>
 *
 * <p>Why Java serialisation: the library's state objects are plain {@code Serializable} beans and
 * its only other supported forms need Jackson or protostuff, which this module does not depend on;
 * deflating removes most of the class-descriptor overhead. Reading is restricted by an {@link
 * ObjectInputFilter} to the library's state classes, JDK collections and primitive arrays, so a
 * corrupt or hostile blob cannot instantiate anything else. The library's state objects carry their
 * own version string, which its mapper checks on load.
 */
public final class RcfStateMapper implements StateMapper<RcfState> {
  public static final int VERSION = 1;
  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;maxrefs=1000000;maxbytes=268435456;"
              + "com.amazon.randomcutforest.**;java.lang.*;java.util.*;!*");

  private final EwmaStateMapper ewma = new EwmaStateMapper();

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(RcfState state) {
    ThresholdedRandomCutForest forest = state.forest();
    return StateCodec.encode(
        VERSION,
        out -> {
          out.writeInt(state.features().size());
          for (String feature : state.features()) {
            out.writeUTF(feature);
          }
          for (double value : state.lastValues()) {
            out.writeDouble(value);
          }
          StateCodec.writeBlob(out, ewma.toBytes(state.moments()));
          if (forest != null) {
            StateCodec.writeBlob(out, forestBytes(forest));
          }
        });
  }

  @Override
  public RcfState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        "RCF",
        VERSION,
        bytes,
        (in, version) -> {
          int count = StateCodec.readCount(in);
          List<String> features = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            features.add(in.readUTF());
          }
          double[] last = new double[count];
          for (int i = 0; i < count; i++) {
            last[i] = in.readDouble();
          }
          EwmaState moments = ewma.fromBytes(StateCodec.readBlob(in));
          ThresholdedRandomCutForest forest =
              count == 0 ? null : forestFrom(StateCodec.readBlob(in));
          return new RcfState(features, last, moments, forest);
        });
  }

  private static byte[] forestBytes(ThresholdedRandomCutForest forest) throws IOException {
    ThresholdedRandomCutForestState state = new ThresholdedRandomCutForestMapper().toState(forest);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(16_384);
    try (ObjectOutputStream out =
        new ObjectOutputStream(
            new DeflaterOutputStream(buffer, new Deflater(Deflater.BEST_SPEED), 8192))) {
      out.writeObject(state);
    }
    return buffer.toByteArray();
  }

  private static ThresholdedRandomCutForest forestFrom(byte[] blob) throws IOException {
    try (ObjectInputStream in =
        new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(blob)))) {
      in.setObjectInputFilter(FILTER);
      Object state = in.readObject();
      if (!(state instanceof ThresholdedRandomCutForestState trcf)) {
        throw new IOException("forest blob holds " + state.getClass().getName());
      }
      return new ThresholdedRandomCutForestMapper().toModel(trcf);
    } catch (ClassNotFoundException e) {
      throw new IOException("forest blob names an unknown class", e);
    }
  }
}
