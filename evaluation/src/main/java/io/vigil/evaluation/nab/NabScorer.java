package io.vigil.evaluation.nab;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NAB v1.1 scoring, as NAB's {@code sweeper.py} does it.
 *
 * <p>Every row after a file's probation gets a sweep score: inside a window, {@code tpWeight ·
 * S(y)/S(-1)} by its position in the window; outside, {@code fpWeight · S(y)} by its distance past
 * the preceding window (or {@code -fpWeight} before the first window). The corpus-wide sweep sorts
 * the rows of all files once by anomaly score, descending, and lowers the threshold one distinct
 * score at a time: a false positive adds its score, a window keeps the best (earliest) of its
 * detections, an undetected window costs {@code -fnWeight}. That is O(n log n) for n rows. The
 * highest threshold with the best raw score wins. {@link #scoreAt} walks the same rows down to a
 * threshold given in advance instead (honest generalisation: a threshold chosen on other files).
 */
public final class NabScorer {
  /** Share of a file's rows, at most {@code 0.15 · 5000}, that are never scored. */
  public static final double PROBATION_PERCENT = 0.15;

  /** Above every possible anomaly score: the threshold at which nothing is detected. */
  public static final double NO_DETECTION_THRESHOLD = 1.1;

  private static final int OUTSIDE = -1;
  private static final double MAX_TP = scaledSigmoid(-1.0);

  private NabScorer() {}

  /** NAB's position weighting: {@code 2/(1+e^(5y)) - 1}, and -1 beyond y = 3. */
  public static double scaledSigmoid(double y) {
    if (y > 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }

  /** Rows at the start of a file of {@code rows} rows that are ignored. */
  public static int probationLength(int rows) {
    return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
  }

  /**
   * Scores {@code results}, one per data file of {@code corpus}, for each of the corpus' profiles.
   *
   * @throws IllegalArgumentException if a labelled file has no result or the rows do not match
   */
  public static List<ProfileScore> score(Corpus corpus, List<ScoredSeries> results) {
    return perProfile(corpus, results, Rows::sweep);
  }

  /**
   * Scores {@code results} for each of the corpus' profiles at a threshold fixed in advance, e.g.
   * one chosen by {@link #score} on other files: rows with anomaly score ≥ the profile's threshold
   * are detections. The returned {@link ProfileScore#threshold()} is the given one.
   *
   * @param thresholds per profile of the corpus, its threshold
   * @throws IllegalArgumentException if a profile has no threshold, a labelled file has no result
   *     or the rows do not match
   */
  public static List<ProfileScore> scoreAt(
      Corpus corpus, List<ScoredSeries> results, Map<CostProfile, Double> thresholds) {
    for (CostProfile profile : corpus.profiles()) {
      if (!thresholds.containsKey(profile)) {
        throw new IllegalArgumentException("no threshold for profile " + profile.name());
      }
    }
    return perProfile(
        corpus,
        results,
        (rows, order, profile) -> rows.at(order, profile, thresholds.get(profile)));
  }

  /** How one profile is scored over the prepared rows. */
  @FunctionalInterface
  private interface Scoring {
    ProfileScore of(Rows rows, int[] order, CostProfile profile);
  }

  private static List<ProfileScore> perProfile(
      Corpus corpus, List<ScoredSeries> results, Scoring scoring) {
    Rows rows = rows(corpus, results);
    int[] order = rows.byDescendingScore();
    List<ProfileScore> scores = new ArrayList<>();
    for (CostProfile profile : corpus.profiles()) {
      scores.add(scoring.of(rows, order, profile));
    }
    return List.copyOf(scores);
  }

  private static Rows rows(Corpus corpus, List<ScoredSeries> results) {
    Map<String, ScoredSeries> byFile = new TreeMap<>();
    for (ScoredSeries result : results) {
      if (byFile.put(result.relativePath(), result) != null) {
        throw new IllegalArgumentException("two results for " + result.relativePath());
      }
    }
    if (!byFile.keySet().equals(corpus.windows().keySet())) {
      throw new IllegalArgumentException(
          "results must cover exactly the corpus files; results "
              + byFile.keySet()
              + ", corpus "
              + corpus.windows().keySet());
    }
    Rows rows = new Rows();
    byFile.forEach((file, result) -> rows.add(result, corpus.windowsOf(file)));
    return rows;
  }

  /**
   * Row index ranges [left, right] of the windows, as NAB finds them: the first row whose timestamp
   * equals the window's start and the first whose timestamp equals its end (NAB's files have
   * repeated timestamps around daylight-saving changes). Where a window edge is not a row
   * timestamp, the nearest row inside the window is used; a window without rows is dropped.
   */
  static List<int[]> windowIndices(List<LocalDateTime> timestamps, List<LabelWindow> windows) {
    List<int[]> indices = new ArrayList<>();
    for (LabelWindow window : windows) {
      int left = timestamps.indexOf(window.start());
      int right = timestamps.indexOf(window.end());
      if (left < 0) {
        left = firstAtOrAfter(timestamps, window.start());
      }
      if (right < 0) {
        right = lastAtOrBefore(timestamps, window.end());
      }
      if (left >= 0 && right >= left) {
        indices.add(new int[] {left, right});
      }
    }
    return indices;
  }

  private static int firstAtOrAfter(List<LocalDateTime> timestamps, LocalDateTime time) {
    for (int i = 0; i < timestamps.size(); i++) {
      if (!timestamps.get(i).isBefore(time)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastAtOrBefore(List<LocalDateTime> timestamps, LocalDateTime time) {
    for (int i = timestamps.size() - 1; i >= 0; i--) {
      if (!timestamps.get(i).isAfter(time)) {
        return i;
      }
    }
    return -1;
  }

  /** The scorable rows of a corpus: anomaly score, unweighted position score and window. */
  private static final class Rows {
    private double[] anomaly = new double[1024];
    private double[] position = new double[1024];
    private int[] window = new int[1024];
    private int size;
    private int windows;
    private int countedWindows;

    void add(ScoredSeries result, List<LabelWindow> labels) {
      List<int[]> indices = windowIndices(result.timestamps(), labels);
      int probation = probationLength(result.size());
      int next = 0;
      int current = -1;
      int previousRight = -1;
      int previousWidth = 0;
      int firstId = windows;
      boolean[] counted = new boolean[indices.size()];
      for (int i = 0; i < result.size(); i++) {
        if (current < 0 && next < indices.size() && indices.get(next)[0] == i) {
          current = next++;
        }
        double unweighted;
        if (current >= 0) {
          int right = indices.get(current)[1];
          int width = right - indices.get(current)[0] + 1;
          unweighted = scaledSigmoid(-(right - i + 1) / (double) width) / MAX_TP;
        } else if (previousRight < 0) {
          unweighted = -1.0;
        } else {
          unweighted = scaledSigmoid(Math.abs(i - previousRight) / (double) (previousWidth - 1));
        }
        double score = result.score(i);
        if (!(score >= 0.0 && score <= 1.0)) {
          throw new IllegalArgumentException(
              result.relativePath() + ": anomaly score " + score + " outside [0,1] at row " + i);
        }
        if (i >= probation) {
          if (current >= 0) {
            counted[current] = true;
          }
          append(score, unweighted, current >= 0 ? firstId + current : OUTSIDE);
        }
        if (current >= 0 && indices.get(current)[1] == i) {
          previousRight = i;
          previousWidth = i - indices.get(current)[0] + 1;
          current = -1;
        }
      }
      windows += indices.size();
      for (boolean scorable : counted) {
        // A window wholly inside probation is not a window NAB counts.
        countedWindows += scorable ? 1 : 0;
      }
    }

    private void append(double score, double unweighted, int windowId) {
      if (size == anomaly.length) {
        anomaly = Arrays.copyOf(anomaly, size * 2);
        position = Arrays.copyOf(position, size * 2);
        window = Arrays.copyOf(window, size * 2);
      }
      anomaly[size] = score;
      position[size] = unweighted;
      window[size] = windowId;
      size++;
    }

    int[] byDescendingScore() {
      Integer[] boxed = new Integer[size];
      for (int i = 0; i < size; i++) {
        boxed[i] = i;
      }
      // Stable, so equal scores keep file order, as NAB's sorted() does.
      Arrays.sort(boxed, (x, y) -> Double.compare(anomaly[y], anomaly[x]));
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = boxed[i];
      }
      return order;
    }

    /** The best threshold's score: the sweep over every distinct anomaly score. */
    ProfileScore sweep(int[] order, CostProfile profile) {
      return walk(order, profile, Double.NEGATIVE_INFINITY, true);
    }

    /** The score when exactly the rows with anomaly score ≥ {@code threshold} are detections. */
    ProfileScore at(int[] order, CostProfile profile, double threshold) {
      return walk(order, profile, threshold, false);
    }

    /**
     * Lowers the threshold one distinct score at a time down to {@code lowest}. With {@code best}
     * it keeps the highest threshold with the best raw score, else the state at {@code lowest}: the
     * same rows summed in the same order as the sweep, so a fixed threshold that the sweep chose
     * reproduces its raw score bit for bit.
     */
    private ProfileScore walk(int[] order, CostProfile profile, double lowest, boolean best) {
      double[] bestOfWindow = new double[windows];
      boolean[] detected = new boolean[windows];
      Arrays.fill(bestOfWindow, -profile.fnWeight());
      double windowSum = -profile.fnWeight() * countedWindows;
      double fpSum = 0.0;
      int detectedCount = 0;
      int fpCount = 0;
      double threshold = NO_DETECTION_THRESHOLD;
      double keptThreshold = threshold;
      double keptRaw = windowSum;
      int keptDetected = 0;
      int keptFp = 0;
      for (int row : order) {
        if (anomaly[row] < lowest) {
          break;
        }
        if (anomaly[row] != threshold) {
          double raw = fpSum + windowSum;
          if (!best || raw > keptRaw) {
            keptRaw = raw;
            keptThreshold = threshold;
            keptDetected = detectedCount;
            keptFp = fpCount;
          }
          threshold = anomaly[row];
        }
        int id = window[row];
        if (id == OUTSIDE) {
          fpSum += position[row] * profile.fpWeight();
          fpCount++;
        } else {
          double weighted = position[row] * profile.tpWeight();
          if (!detected[id]) {
            detected[id] = true;
            detectedCount++;
          }
          if (weighted > bestOfWindow[id]) {
            windowSum += weighted - bestOfWindow[id];
            bestOfWindow[id] = weighted;
          }
        }
      }
      double raw = fpSum + windowSum;
      if (!best || raw > keptRaw) {
        keptRaw = raw;
        keptThreshold = threshold;
        keptDetected = detectedCount;
        keptFp = fpCount;
      }
      return new ProfileScore(
          profile,
          best ? keptThreshold : lowest,
          keptRaw,
          // 0.0 - x, not -x: without windows the null score is 0, not -0.
          0.0 - profile.fnWeight() * countedWindows,
          profile.tpWeight() * countedWindows,
          countedWindows,
          keptDetected,
          keptFp);
    }
  }
}
