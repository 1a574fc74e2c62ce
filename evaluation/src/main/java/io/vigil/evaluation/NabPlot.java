package io.vigil.evaluation;

import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.LabelWindow;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ScoredSeries;
import io.vigil.evaluation.nab.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One PNG per data file of a run: the values, the label windows (shaded red), the probation rows
 * NAB ignores (shaded grey) and the detections NAB counts at a profile's corpus-wide threshold
 * (rows after probation with score ≥ threshold, red dots).
 */
public final class NabPlot {
  public static final int WIDTH = 1600;
  public static final int HEIGHT = 500;
  static final String VALUES = "value";
  static final String DETECTIONS = "detection";
  private static final Color WINDOW = new Color(220, 50, 50);
  private static final Color PROBATION = new Color(128, 128, 128);

  private NabPlot() {}

  /**
   * Writes {@code <dir>/<category>/<name>.png} for every data file of {@code run}, a run over
   * {@code corpus}, with the detections at {@code profile}'s threshold.
   *
   * @return the files written, in corpus order
   */
  public static List<Path> write(Corpus corpus, NabRun run, CostProfile profile, Path dir) {
    // Charts are drawn off-screen; without a display AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
    double threshold =
        run.scores().stream()
            .filter(score -> score.profile().equals(profile))
            .mapToDouble(ProfileScore::threshold)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no score for " + profile.name()));
    List<Path> written = new ArrayList<>();
    for (ScoredSeries result : run.results()) {
      String file = result.relativePath();
      JFreeChart chart =
          chart(corpus.series(file), result, corpus.windowsOf(file), profile.name(), threshold);
      Path png = dir.resolve(file.replaceFirst("\\.csv$", "") + ".png");
      try {
        Files.createDirectories(png.getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + png, e);
      }
      written.add(png);
    }
    return List.copyOf(written);
  }

  /** The chart of one file; detections are the rows NAB counts at {@code threshold}. */
  static JFreeChart chart(
      Series series,
      ScoredSeries result,
      List<LabelWindow> windows,
      String profile,
      double threshold) {
    double[] scores = result.scores();
    int probation = NabScorer.probationLength(scores.length);
    XYSeries values = new XYSeries(VALUES, false, true);
    XYSeries detections =
        new XYSeries(
            String.format(Locale.ROOT, "%s (score ≥ %.10f, %s)", DETECTIONS, threshold, profile),
            false,
            true);
    for (int i = 0; i < scores.length; i++) {
      double x = millis(series.timestamps().get(i));
      double value = series.values().get(i);
      values.add(x, value);
      if (i >= probation && scores[i] >= threshold) {
        detections.add(x, value);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(values);
    data.addSeries(detections);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, true);
    renderer.setSeriesShapesVisible(0, false);
    renderer.setSeriesPaint(0, new Color(31, 119, 180));
    renderer.setSeriesStroke(0, new BasicStroke(1.0f));
    renderer.setSeriesLinesVisible(1, false);
    renderer.setSeriesShapesVisible(1, true);
    renderer.setSeriesPaint(1, WINDOW.darker());
    renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
    DateAxis time = new DateAxis("time");
    // The files' timestamps carry no zone; they were read as UTC and are shown as written.
    time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    NumberAxis axis = new NumberAxis(VALUES);
    axis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, time, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (probation > 0) {
      plot.addDomainMarker(
          shade(
              millis(series.timestamps().get(0)),
              millis(series.timestamps().get(probation - 1)),
              PROBATION,
              "probation"),
          Layer.BACKGROUND);
    }
    for (LabelWindow window : windows) {
      plot.addDomainMarker(
          shade(millis(window.start()), millis(window.end()), WINDOW, null), Layer.BACKGROUND);
    }
    JFreeChart chart =
        new JFreeChart(series.relativePath(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(
        new TextTitle(
            "shaded red: label windows; grey: probation (not scored); dots: detections NAB counts"));
    return chart;
  }

  private static IntervalMarker shade(double from, double to, Color color, String label) {
    IntervalMarker marker = new IntervalMarker(from, to, color);
    marker.setAlpha(0.2f);
    marker.setLabel(label);
    return marker;
  }

  private static double millis(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
