package io.vigil.bench.kafka;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** A run's medians as a bar chart: one group per profile, one bar per guarantee and key count. */
public final class BenchPlot {
  public static final int WIDTH = 1200;
  public static final int HEIGHT = 600;

  private BenchPlot() {}

  static JFreeChart chart(BenchResult result) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Measurement row : result.measurements()) {
      String series =
          String.format(
              Locale.ROOT,
              "%s, %,d keys",
              row.guarantee().map(Guarantees::label).orElse("producer"),
              row.keys());
      data.addValue(row.median(), series, row.label());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            String.format(
                Locale.ROOT,
                "vigil bench: events/s, median of %d (%s, %d partitions)",
                result.repetitions(),
                result.cluster(),
                result.partitions()),
            "profile",
            "events/s",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    CategoryAxis axis = plot.getDomainAxis();
    axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    return chart;
  }

  /**
   * Writes the chart as a PNG.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(BenchResult result, Path file) {
    // Drawn off-screen; without a display AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ChartUtils.saveChartAsPNG(file.toFile(), chart(result), WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
