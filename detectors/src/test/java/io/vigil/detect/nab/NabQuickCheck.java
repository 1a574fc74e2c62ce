package io.vigil.detect.nab;

import io.vigil.detect.Detector;
import io.vigil.detect.calibration.CalibratedDetector;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.seasonal.SeasonalParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Not a test: a quick quality check that runs each detector through the per-key pipeline ({@link
 * KeyScorer}, default policy) over the NAB development subset and prints alerts inside and outside
 * the labelled windows, windows found, and NAB's standard-profile score of those alerts (at the
 * fixed default threshold, not NAB's swept one). Same parameters for every file.
 *
 * <p>Run: {@code java -cp <test classpath> io.vigil.detect.nab.NabQuickCheck /work/shared/nab
 * [detector...]} with detectors among ewma, seasonal, ewma-lik, seasonal-lik, rcf, ensemble; {@code
 * -Dsuppression=PT6H} overrides the suppression window.
 */
public final class NabQuickCheck {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern FILE_KEY = Pattern.compile("\"([^\"]+\\.csv)\"\\s*:");
  private static final Pattern STAMP =
      Pattern.compile("\"(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)");

  private NabQuickCheck() {}

  private record Row(LocalDateTime time, double value) {}

  private record Totals(int inside, int outside, int found, int windows, double raw) {
    Totals plus(Totals o) {
      return new Totals(
          inside + o.inside,
          outside + o.outside,
          found + o.found,
          windows + o.windows,
          raw + o.raw);
    }
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "/work/shared/nab");
    Map<String, List<LocalDateTime[]>> windows =
        windows(Files.readString(root.resolve("labels/combined_windows.json")));
    Map<String, Supplier<Detector<?>>> detectors = new LinkedHashMap<>();
    detectors.put("ewma", () -> new EwmaDetector(EwmaParameters.defaults()));
    detectors.put("seasonal", () -> new SeasonalDetector(SeasonalParameters.defaults()));
    detectors.put(
        "ewma-lik", () -> CalibratedDetector.of(new EwmaDetector(EwmaParameters.defaults())));
    detectors.put("seasonal-lik", DetectorCatalog.SEASONAL::create);
    detectors.put("rcf", DetectorCatalog.RCF::create);
    detectors.put("ensemble", DetectorCatalog.ENSEMBLE::create);
    List<String> chosen =
        args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(detectors.keySet());
    for (String name : chosen) {
      Totals total = new Totals(0, 0, 0, 0, 0);
      long started = System.nanoTime();
      for (String file : windows.keySet()) {
        List<Row> rows = rows(root.resolve("data").resolve(file));
        Totals one = run(detectors.get(name).get(), rows, windows.get(file));
        System.out.printf(
            "%-9s %-62s in=%3d out=%3d found=%d/%d%n",
            name, file, one.inside, one.outside, one.found, one.windows);
        total = total.plus(one);
      }
      double nullRaw = -total.windows;
      double normalised = 100.0 * (total.raw - nullRaw) / (total.windows - nullRaw);
      System.out.printf(
          "TOTAL %-9s alerts in windows=%d outside=%d windows found=%d/%d"
              + " NAB standard (fixed threshold)=%.2f  %.0fs%n",
          name,
          total.inside,
          total.outside,
          total.found,
          total.windows,
          normalised,
          (System.nanoTime() - started) / 1e9);
    }
  }

  private static <M> Totals run(
      Detector<M> detector, List<Row> rows, List<LocalDateTime[]> labels) {
    ScoringPolicy policy =
        new ScoringPolicy(
            ScoringPolicy.defaults().alerts(),
            java.time.Duration.parse(
                System.getProperty("suppression", ScoringPolicy.DEFAULT_SUPPRESSION.toString())));
    KeyScorer<M> scorer = new KeyScorer<>(detector, policy);
    KeyState<M> state = scorer.newState();
    int n = rows.size();
    int probation = (int) Math.min(Math.floor(0.15 * n), 0.15 * 5000);
    int[] windowOf = new int[n];
    java.util.Arrays.fill(windowOf, -1);
    int[][] bounds = new int[labels.size()][2];
    for (int w = 0; w < labels.size(); w++) {
      bounds[w][0] = -1;
      for (int i = 0; i < n; i++) {
        LocalDateTime t = rows.get(i).time;
        if (!t.isBefore(labels.get(w)[0]) && !t.isAfter(labels.get(w)[1])) {
          windowOf[i] = w;
          if (bounds[w][0] < 0) {
            bounds[w][0] = i;
          }
          bounds[w][1] = i;
        }
      }
    }
    int inside = 0;
    int outside = 0;
    double raw = 0.0;
    boolean[] found = new boolean[labels.size()];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      KeyScorer.Step<M> step =
          scorer.score(state, Map.of("value", row.value), row.time.toInstant(ZoneOffset.UTC));
      state = step.state();
      if (!step.decision().alerts() || i < probation) {
        continue;
      }
      int w = windowOf[i];
      if (w >= 0) {
        inside++;
        if (!found[w]) {
          found[w] = true;
          int width = bounds[w][1] - bounds[w][0] + 1;
          double y = -(bounds[w][1] - i + 1) / (double) width;
          raw += sigmoid(y) / sigmoid(-1.0);
        }
      } else {
        outside++;
        int previous = -1;
        for (int p = 0; p < bounds.length; p++) {
          if (bounds[p][1] >= 0 && bounds[p][1] < i) {
            previous = p;
          }
        }
        if (previous < 0) {
          raw -= 0.11;
        } else {
          int width = bounds[previous][1] - bounds[previous][0] + 1;
          double y = Math.abs(i - bounds[previous][1]) / (double) (width - 1);
          raw += 0.11 * sigmoid(y);
        }
      }
    }
    int counted = 0;
    for (int w = 0; w < labels.size(); w++) {
      if (bounds[w][0] >= probation) {
        counted++;
        if (!found[w]) {
          raw -= 1.0;
        }
      }
    }
    int hits = 0;
    for (boolean hit : found) {
      hits += hit ? 1 : 0;
    }
    return new Totals(inside, outside, hits, counted, raw);
  }

  private static double sigmoid(double y) {
    return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }

  private static List<Row> rows(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Stream<String> lines = Files.lines(file)) {
      lines
          .skip(1)
          .filter(line -> !line.isBlank())
          .forEach(
              line -> {
                int comma = line.indexOf(',');
                rows.add(
                    new Row(
                        LocalDateTime.parse(line.substring(0, comma).trim(), TIME),
                        Double.parseDouble(line.substring(comma + 1).trim())));
              });
    }
    return rows;
  }

  /** Minimal reading of combined_windows.json: file name → list of [start, end]. */
  private static Map<String, List<LocalDateTime[]>> windows(String json) {
    Map<String, List<LocalDateTime[]>> result = new LinkedHashMap<>();
    Matcher key = FILE_KEY.matcher(json);
    List<int[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (key.find()) {
      names.add(key.group(1));
      spans.add(new int[] {key.end(), json.length()});
    }
    for (int f = 0; f < names.size(); f++) {
      int end = f + 1 < names.size() ? spans.get(f + 1)[0] : json.length();
      List<LocalDateTime> stamps = new ArrayList<>();
      Matcher stamp = STAMP.matcher(json.substring(spans.get(f)[0], end));
      while (stamp.find()) {
        stamps.add(LocalDateTime.parse(stamp.group(1), TIME));
      }
      List<LocalDateTime[]> pairs = new ArrayList<>();
      for (int i = 0; i + 1 < stamps.size(); i += 2) {
        pairs.add(new LocalDateTime[] {stamps.get(i), stamps.get(i + 1)});
      }
      result.put(names.get(f), pairs);
    }
    return result;
  }
}
