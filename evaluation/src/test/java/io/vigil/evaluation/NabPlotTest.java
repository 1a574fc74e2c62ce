package io.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ScoredSeries;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabPlotTest {
  @TempDir Path dir;
  private Corpus corpus;
  private NabRun run;
  private CostProfile standard;

  @BeforeEach
  void run() throws IOException {
    corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    run =
        new NabRunner(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir.resolve("results"));
    standard = NabBreakdown.countedProfile(corpus);
  }

  @Test
  void shouldWriteOneValidPngOfTheExpectedSizePerFile() throws IOException {
    List<Path> written = NabPlot.write(corpus, run, standard, dir.resolve("plots"));

    assertThat(written)
        .containsExactly(
            dir.resolve("plots/quiet/noise.png"),
            dir.resolve("plots/synthetic/shift_a.png"),
            dir.resolve("plots/synthetic/shift_b.png"));
    for (Path png : written) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(NabPlot.WIDTH);
      assertThat(image.getHeight()).isEqualTo(NabPlot.HEIGHT);
    }
  }

  @Test
  void shouldMarkExactlyTheDetectionsNabCountsAndShadeWindowsAndProbation() {
    ScoredSeries shifted = run.results().get(1);
    String file = shifted.relativePath();
    double threshold = run.scores().get(0).threshold();

    JFreeChart chart =
        NabPlot.chart(
            corpus.series(file), shifted, corpus.windowsOf(file), standard.name(), threshold);

    XYPlot plot = chart.getXYPlot();
    XYDataset data = plot.getDataset();
    assertThat(data.getSeriesCount()).isEqualTo(2);
    assertThat(data.getItemCount(0)).isEqualTo(SyntheticCorpus.ROWS);
    double[] scores = shifted.scores();
    int probation = NabScorer.probationLength(scores.length);
    long counted = 0;
    for (int i = probation; i < scores.length; i++) {
      counted += scores[i] >= threshold ? 1 : 0;
    }
    assertThat(counted).isPositive();
    assertThat(data.getItemCount(1)).isEqualTo((int) counted);
    // One shade for the window, one for probation.
    assertThat(plot.getDomainMarkers(Layer.BACKGROUND)).hasSize(2);
  }
}
