package io.vigil.sink.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's files, read once from the class path: its own (next to this class, under {@code
 * assets/}) and uPlot's from its WebJar. Only the listed names are served, so no request can reach
 * any other resource.
 */
final class StaticAssets {
  private static final String OWN = "assets/";
  private static final Map<String, String> OWN_FILES =
      Map.of(
          "console.js", "text/javascript; charset=utf-8",
          "console.css", "text/css; charset=utf-8",
          "favicon.svg", "image/svg+xml");
  private static final Map<String, String> UPLOT_FILES =
      Map.of(
          "uPlot.iife.min.js", "text/javascript; charset=utf-8",
          "uPlot.min.css", "text/css; charset=utf-8");

  /** A file and its content type. */
  record Asset(byte[] bytes, String contentType) {}

  private final String page;
  private final Map<String, Asset> own;
  private final Map<String, Asset> uplot;

  private StaticAssets(String page, Map<String, Asset> own, Map<String, Asset> uplot) {
    this.page = page;
    this.own = own;
    this.uplot = uplot;
  }

  static StaticAssets load() {
    Properties versions = new Properties();
    try (InputStream in = StaticAssets.class.getResourceAsStream("webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("missing resource webjars.properties");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String uplotDir =
        "/META-INF/resources/webjars/uplot/" + versions.getProperty("uplot") + "/dist/";
    return new StaticAssets(
        new String(read(OWN + "index.html"), StandardCharsets.UTF_8),
        files(OWN_FILES, name -> read(OWN + name)),
        files(UPLOT_FILES, name -> read(uplotDir + name)));
  }

  private static Map<String, Asset> files(
      Map<String, String> types, java.util.function.Function<String, byte[]> reader) {
    return types.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new Asset(reader.apply(e.getKey()), e.getValue())));
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing console resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String page() {
    return page;
  }

  Optional<Asset> own(String name) {
    return Optional.ofNullable(own.get(name));
  }

  Optional<Asset> uplot(String name) {
    return Optional.ofNullable(uplot.get(name));
  }
}
