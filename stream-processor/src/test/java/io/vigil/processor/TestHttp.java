package io.vigil.processor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processor's admin endpoints, for integration tests. */
public final class TestHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestHttp() {}

  public static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Events scored as /metrics reports them, summed over the per-partition series. */
  public static double eventsScored(int port) throws Exception {
    return sum(get(port, "/metrics").body(), "vigil_processor_events_scored_total");
  }

  /** The sum of a metric's per-partition series in a /metrics page. */
  public static double sum(String metrics, String name) {
    return sum(Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(metrics));
  }

  /** The sum of a metric's series whose {@code label} is {@code value}. */
  public static double sum(String metrics, String name, String label, String value) {
    return sum(
        Pattern.compile("(?m)^" + name + "\\{[^}]*" + label + "=\"" + value + "\"[^}]*} (\\S+)$")
            .matcher(metrics));
  }

  /** The partitions of a metric's series that are in a /metrics page. */
  public static java.util.Set<Integer> partitions(String metrics, String name) {
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "\\{[^}]*partition=\"(\\d+)\"[^}]*} \\S+$")
            .matcher(metrics);
    java.util.Set<Integer> partitions = new java.util.TreeSet<>();
    while (matcher.find()) {
      partitions.add(Integer.parseInt(matcher.group(1)));
    }
    return partitions;
  }

  private static double sum(Matcher matcher) {
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }
}
