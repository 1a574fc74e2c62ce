package io.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusTest {
  private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
  private static final LabelWindow WINDOW =
      new LabelWindow(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 1, 1, 0));
  private final Corpus corpus =
      new Corpus(
          Path.of("unused"),
          Map.of(
              "realKnownCause/nyc_taxi.csv", List.of(WINDOW),
              "artificialNoAnomaly/art_flatline.csv", List.of(),
              "realKnownCause/rogue_agent_key_hold.csv", List.of(WINDOW),
              "top.csv", List.of()),
          List.of(STANDARD));

  @Test
  void shouldNameTheFirstPathElementTheCategory() {
    assertThat(Corpus.categoryOf("realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv"))
        .isEqualTo("realAWSCloudwatch");
    assertThat(Corpus.categoryOf("a/b/c.csv")).isEqualTo("a");
    assertThat(Corpus.categoryOf("top.csv")).isEmpty();
    assertThat(corpus.categories()).containsExactly("", "artificialNoAnomaly", "realKnownCause");
  }

  @Test
  void shouldRestrictToACategoryWithItsLabelsAndProfiles() {
    Corpus category = corpus.only(Corpus.inCategory("realKnownCause"));
    Corpus others = corpus.only(Corpus.inCategory("realKnownCause").negate());

    assertThat(category.files())
        .containsExactly("realKnownCause/nyc_taxi.csv", "realKnownCause/rogue_agent_key_hold.csv");
    assertThat(category.windowsOf("realKnownCause/nyc_taxi.csv")).containsExactly(WINDOW);
    assertThat(category.profiles()).containsExactly(STANDARD);
    assertThat(others.files()).containsExactly("artificialNoAnomaly/art_flatline.csv", "top.csv");
  }

  @Test
  void shouldKeepOnlyTheResultsOfItsFiles() {
    Corpus category = corpus.only(Corpus.inCategory("artificialNoAnomaly"));
    List<ScoredSeries> results =
        List.of(
            new ScoredSeries("artificialNoAnomaly/art_flatline.csv", List.of(), new double[0]),
            new ScoredSeries("realKnownCause/nyc_taxi.csv", List.of(), new double[0]));

    assertThat(category.resultsOf(results))
        .extracting(ScoredSeries::relativePath)
        .containsExactly("artificialNoAnomaly/art_flatline.csv");
  }
}
