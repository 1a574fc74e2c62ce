package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import java.util.Locale;

/** Short names of the processing guarantees, for the command line, the table and the plot. */
public final class Guarantees {
  private Guarantees() {}

  /**
   * {@code eos} or {@code exactly_once_v2}, {@code alos} or {@code at_least_once}, any case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ProcessingGuarantee parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "eos", "exactly_once_v2" -> ProcessingGuarantee.EXACTLY_ONCE_V2;
      case "alos", "at_least_once" -> ProcessingGuarantee.AT_LEAST_ONCE;
      default ->
          throw new IllegalArgumentException(
              "unknown guarantee '"
                  + text
                  + "', known: eos (exactly_once_v2), alos (at_least_once)");
    };
  }

  /** {@code EOS} or {@code ALOS}. */
  public static String label(ProcessingGuarantee guarantee) {
    return guarantee == ProcessingGuarantee.EXACTLY_ONCE_V2 ? "EOS" : "ALOS";
  }
}
