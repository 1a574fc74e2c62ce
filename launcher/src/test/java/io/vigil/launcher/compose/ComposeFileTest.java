package io.vigil.launcher.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its consistency with the rest of the
 * repository is checked instead: every mounted file exists, every host a config talks to is a
 * service of the compose file, and every Vigil service runs the image with the tracing agent.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern HOST_PORT = Pattern.compile("^(?:https?://)?([a-z0-9-]+):\\d+");

  private final Map<String, Map<String, Object>> services = services();
  private final Set<String> hosts = hostNames();

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try {
      // SnakeYAML resolves the anchors and merge keys (<<) the file uses, as Compose does.
      Map<String, Object> compose =
          new Yaml(new LoaderOptions()).load(Files.readString(ROOT.resolve("docker-compose.yml")));
      return (Map<String, Map<String, Object>>) compose.get("services");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<String> hostNames() {
    Set<String> names = new HashSet<>(services.keySet());
    services.values().stream()
        .map(s -> s.get("hostname"))
        .filter(h -> h != null)
        .forEach(h -> names.add(h.toString()));
    return names;
  }

  @Test
  void shouldGiveEveryServiceAnImage() {
    assertThat(services).isNotEmpty();
    services.forEach((name, service) -> assertThat(service).as(name).containsKey("image"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldMountOnlyFilesThatExist() {
    List<String> missing = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            String source = volume.toString().split(":")[0];
            // ./secrets/* hold the operator's secrets and are not in the repository.
            if (source.startsWith("./")
                && !source.startsWith("./secrets")
                && !Files.exists(ROOT.resolve(source))) {
              missing.add(name + ": " + source);
            }
          }
        });
    assertThat(missing).isEmpty();
  }

  @Test
  void shouldScrapeProbeAndAlertOnlyHostsOfTheComposeFile() throws IOException {
    String prometheus = Files.readString(ROOT.resolve("monitoring/prometheus/prometheus.yml"));
    List<String> targets = new ArrayList<>();
    Matcher quoted = Pattern.compile("'([^']+)'|- (https?://\\S+)").matcher(prometheus);
    while (quoted.find()) {
      String target = quoted.group(1) != null ? quoted.group(1) : quoted.group(2);
      Matcher host = HOST_PORT.matcher(target);
      if (host.find()) {
        targets.add(host.group(1));
      }
    }

    assertThat(targets).contains("alertmanager", "stream-processor-3", "results-sink");
    assertThat(hosts).containsAll(targets);
  }

  @Test
  void shouldPointGrafanaAndPromtailAtServicesOfTheComposeFile() throws IOException {
    List<String> urls = new ArrayList<>();
    for (String file :
        List.of(
            "monitoring/grafana/provisioning/datasources/datasources.yml",
            "monitoring/promtail/promtail.yml")) {
      Matcher url =
          Pattern.compile("url: (?:https?://)?([a-z0-9-]+):\\d+")
              .matcher(Files.readString(ROOT.resolve(file)));
      while (url.find()) {
        urls.add(url.group(1));
      }
    }

    assertThat(urls).contains("prometheus", "loki", "jaeger", "postgres");
    assertThat(hosts).containsAll(urls);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRunEveryVigilServiceFromTheImageWithTheTracingAgent() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    List<String> vigil =
        services.entrySet().stream()
            .filter(e -> "vigil:dev".equals(e.getValue().get("image")))
            .map(Map.Entry::getKey)
            .toList();

    assertThat(vigil)
        .contains("ingest-connector", "stream-processor-1", "stream-processor-2", "results-sink");
    for (String name : vigil) {
      Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
      assertThat(env.get("JAVA_TOOL_OPTIONS").toString())
          .as(name)
          .isEqualTo("-javaagent:/opt/vigil/otel/opentelemetry-javaagent.jar");
      assertThat(URI.create(env.get("OTEL_EXPORTER_OTLP_ENDPOINT").toString()).getHost())
          .isIn(hosts);
      assertThat(env).as(name).containsKeys("OTEL_SERVICE_NAME", "KAFKA_BOOTSTRAP_SERVERS");
      assertThat((List<String>) services.get(name).get("command"))
          .as(name)
          .singleElement()
          .isIn("ingest", "processor", "sink");
    }
    assertThat(dockerfile)
        .contains("COPY --from=build /src/launcher/target/otel /opt/vigil/otel")
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/vigil/vigil.jar\"]");
  }
}
