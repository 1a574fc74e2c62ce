package io.vigil.launcher.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Every Prometheus query monitoring/ ships: rule expressions and Grafana panels and variables. */
record ShippedQueries(List<Query> queries, Set<String> recordedNames) {

  /** A query and where it is, for messages that point at the file to fix. */
  record Query(String source, String expr) {}

  static ShippedQueries in(Path monitoring) {
    List<Query> queries = new ArrayList<>();
    Set<String> recorded = new TreeSet<>();
    for (String file : List.of("recording.yml", "alerts.yml")) {
      for (Map<String, Object> rule : rules(monitoring.resolve("prometheus/rules/" + file))) {
        Object name = rule.containsKey("record") ? rule.get("record") : rule.get("alert");
        queries.add(new Query(file + " " + name, rule.get("expr").toString()));
        if (rule.containsKey("record")) {
          recorded.add(rule.get("record").toString());
        }
      }
    }
    for (Path dashboard : dashboards(monitoring.resolve("grafana/dashboards"))) {
      JsonNode json = read(dashboard);
      String file = dashboard.getFileName().toString();
      json.findParents("expr")
          .forEach(target -> queries.add(new Query(file, target.get("expr").asText())));
      json.path("templating")
          .path("list")
          .forEach(
              variable -> {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                if (variable.path("type").asText().equals("query") && !text.isBlank()) {
                  queries.add(new Query(file + " $" + variable.path("name").asText(), text));
                }
              });
    }
    return new ShippedQueries(List.copyOf(queries), Set.copyOf(recorded));
  }

  /** Metric name → the first place that uses it. */
  Map<String, String> metricNames() {
    Map<String, String> names = new TreeMap<>();
    for (Query query : queries) {
      PromQl.metricNames(query.expr()).forEach(name -> names.putIfAbsent(name, query.source()));
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Path file) {
    try {
      Map<String, Object> root = new Yaml(new LoaderOptions()).load(Files.readString(file));
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
        rules.addAll((List<Map<String, Object>>) group.get("rules"));
      }
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> dashboards(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
