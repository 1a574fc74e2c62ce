package io.vigil.evaluation.nab;

import java.time.LocalDateTime;
import java.util.Objects;

/** A labelled anomaly window, both ends inclusive. */
public record LabelWindow(LocalDateTime start, LocalDateTime end) {
  public LabelWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("window ends before it starts: " + start + " " + end);
    }
  }

  public boolean contains(LocalDateTime time) {
    return !time.isBefore(start) && !time.isAfter(end);
  }
}
