package io.vigil.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A NAB-style corpus folder: {@code data/<category>/<name>.csv}, {@code
 * labels/combined_windows.json} and {@code config/profiles.json}.
 *
 * @param root the corpus folder
 * @param windows per data file ({@code <category>/<name>.csv}, sorted), its anomaly windows
 * @param profiles the scoring profiles
 */
public record Corpus(
    Path root, Map<String, List<LabelWindow>> windows, List<CostProfile> profiles) {

  public Corpus {
    windows = Collections.unmodifiableMap(new TreeMap<>(windows));
    profiles = List.copyOf(profiles);
  }

  /** Reads the labels and profiles of the corpus at {@code root}; data files are read lazily. */
  public static Corpus open(Path root) {
    Path labels = root.resolve("labels").resolve("combined_windows.json");
    Path profiles = root.resolve("config").resolve("profiles.json");
    if (!Files.isRegularFile(labels) || !Files.isRegularFile(profiles)) {
      throw new IllegalArgumentException(
          root
              + " is not a NAB corpus: needs labels/combined_windows.json and config/profiles.json");
    }
    Map<String, List<LabelWindow>> windows = readWindows(labels);
    for (String file : windows.keySet()) {
      if (!Files.isRegularFile(root.resolve("data").resolve(file))) {
        throw new IllegalArgumentException(root + ": labelled data file data/" + file + " missing");
      }
    }
    return new Corpus(root, windows, CostProfile.read(profiles));
  }

  /** The data files ({@code <category>/<name>.csv}), sorted. */
  public List<String> files() {
    return List.copyOf(windows.keySet());
  }

  /**
   * The category of a data file: the first element of its path ({@code realAWSCloudwatch} for
   * {@code realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv}); a file at the top has none ("").
   */
  public static String categoryOf(String relativePath) {
    int slash = relativePath.indexOf('/');
    return slash < 0 ? "" : relativePath.substring(0, slash);
  }

  /** Accepts the data files of {@code category}, e.g. for {@link #only}. */
  public static Predicate<String> inCategory(String category) {
    return file -> categoryOf(file).equals(category);
  }

  /** The categories of the data files, sorted. */
  public List<String> categories() {
    return windows.keySet().stream().map(Corpus::categoryOf).distinct().sorted().toList();
  }

  /** The same corpus restricted to the data files that {@code keep} accepts. */
  public Corpus only(Predicate<String> keep) {
    Map<String, List<LabelWindow>> kept = new TreeMap<>();
    windows.forEach(
        (file, list) -> {
          if (keep.test(file)) {
            kept.put(file, list);
          }
        });
    return new Corpus(root, kept, profiles);
  }

  /** The results of {@code results} that belong to this corpus' data files. */
  public List<ScoredSeries> resultsOf(List<ScoredSeries> results) {
    return results.stream().filter(result -> windows.containsKey(result.relativePath())).toList();
  }

  public List<LabelWindow> windowsOf(String relativePath) {
    List<LabelWindow> found = windows.get(relativePath);
    if (found == null) {
      throw new IllegalArgumentException("no labels for " + relativePath);
    }
    return found;
  }

  public Series series(String relativePath) {
    windowsOf(relativePath);
    return Series.read(relativePath, root.resolve("data").resolve(relativePath));
  }

  private static Map<String, List<LabelWindow>> readWindows(Path labels) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(labels.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB labels " + labels, e);
    }
    Map<String, List<LabelWindow>> windows = new TreeMap<>();
    json.properties()
        .forEach(
            entry -> {
              List<LabelWindow> list = new ArrayList<>();
              for (JsonNode pair : entry.getValue()) {
                if (!pair.isArray() || pair.size() != 2) {
                  throw new IllegalArgumentException(
                      labels + ": window of " + entry.getKey() + " is not [start, end]");
                }
                list.add(
                    new LabelWindow(
                        NabTime.parse(pair.get(0).asText()), NabTime.parse(pair.get(1).asText())));
              }
              windows.put(entry.getKey(), List.copyOf(list));
            });
    return windows;
  }
}
