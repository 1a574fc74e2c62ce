package io.vigil.processor.backtest;

/** The offsets {@code [start, end)} of one events partition that a backtest scores. */
public record PartitionRange(int partition, long start, long end) {
  public PartitionRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "partition " + partition + ": need 0 <= start <= end, was " + start + ".." + end);
    }
  }

  public long size() {
    return end - start;
  }
}
