package io.vigil.detect.adaptive;

import io.vigil.detect.StateCodec;
import io.vigil.detect.StateMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary form of {@link AdaptiveState}. Format v1, big-endian: version byte (1), int feature count,
 * per feature sorted by name: UTF name, long count, long first event time (epoch ms), double level,
 * spread, min, max, last, step, unsigned short bucket count B, B × (double level, double spread,
 * byte count), unsigned short window W, W × float deviation, long averages, double average mean,
 * double average variance, double peak distance, double still share, int still run. Models written
 * with other bucket or window sizes than this detector's are refused.
 */
public final class AdaptiveStateMapper implements StateMapper<AdaptiveState> {
  public static final int VERSION = 1;
  private final AdaptiveParameters parameters;

  AdaptiveStateMapper(AdaptiveParameters parameters) {
    this.parameters = parameters;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public byte[] toBytes(AdaptiveState state) {
    return StateCodec.encode(
        VERSION,
        // About 600 bytes per feature whatever the series' length (the README's state table).
        8 + 640 * state.features().size(),
        out -> {
          out.writeInt(state.features().size());
          for (var entry : state.features().entrySet()) {
            out.writeUTF(entry.getKey());
            write(out, entry.getValue());
          }
        });
  }

  private static void write(DataOutputStream out, FeatureModel f) throws IOException {
    out.writeLong(f.count());
    out.writeLong(f.since());
    out.writeDouble(f.level());
    out.writeDouble(f.spread());
    out.writeDouble(f.min());
    out.writeDouble(f.max());
    out.writeDouble(f.last());
    out.writeDouble(f.step());
    out.writeShort(f.bucketLevel().length);
    for (int i = 0; i < f.bucketLevel().length; i++) {
      out.writeDouble(f.bucketLevel()[i]);
      out.writeDouble(f.bucketSpread()[i]);
      out.writeByte(f.bucketCount()[i]);
    }
    out.writeShort(f.recent().length);
    for (float deviation : f.recent()) {
      out.writeFloat(deviation);
    }
    out.writeLong(f.averages());
    out.writeDouble(f.averageMean());
    out.writeDouble(f.averageVariance());
    out.writeDouble(f.peakDeviation());
    out.writeDouble(f.stillShare());
    out.writeInt(f.stillRun());
  }

  @Override
  public AdaptiveState fromBytes(byte[] bytes) {
    return StateCodec.decode(
        AdaptiveDetector.NAME,
        VERSION,
        bytes,
        (in, version) -> {
          int count = StateCodec.readCount(in);
          SortedMap<String, FeatureModel> features = new TreeMap<>();
          for (int i = 0; i < count; i++) {
            features.put(in.readUTF(), read(in));
          }
          return new AdaptiveState(features);
        });
  }

  private FeatureModel read(DataInputStream in) throws IOException {
    long count = in.readLong();
    long since = in.readLong();
    double level = in.readDouble();
    double spread = in.readDouble();
    double min = in.readDouble();
    double max = in.readDouble();
    double last = in.readDouble();
    double step = in.readDouble();
    int buckets = in.readUnsignedShort();
    if (buckets != parameters.buckets()) {
      throw new IOException(buckets + " buckets stored, this detector has " + parameters.buckets());
    }
    double[] bucketLevel = new double[buckets];
    double[] bucketSpread = new double[buckets];
    byte[] bucketCount = new byte[buckets];
    for (int i = 0; i < buckets; i++) {
      bucketLevel[i] = in.readDouble();
      bucketSpread[i] = in.readDouble();
      bucketCount[i] = in.readByte();
    }
    int window = in.readUnsignedShort();
    if (window != parameters.window()) {
      throw new IOException(
          "window of " + window + " stored, this detector has " + parameters.window());
    }
    float[] recent = new float[window];
    for (int i = 0; i < window; i++) {
      recent[i] = in.readFloat();
    }
    return new FeatureModel(
        count,
        since,
        level,
        spread,
        min,
        max,
        last,
        step,
        bucketLevel,
        bucketSpread,
        bucketCount,
        recent,
        in.readLong(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readInt());
  }
}
