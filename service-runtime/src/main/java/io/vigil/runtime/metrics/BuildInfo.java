package io.vigil.runtime.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What was built: the project version and the git commit, from {@code vigil-git.properties}, which
 * the build writes into service-runtime's classes (git-commit-id-maven-plugin). "unknown" where the
 * build had no git repository.
 */
public record BuildInfo(String version, String commit) {
  static final String RESOURCE = "/vigil-git.properties";
  private static final String UNKNOWN = "unknown";

  public BuildInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commit, "commit");
  }

  /** The build info on the classpath. */
  public static BuildInfo current() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new BuildInfo(
        nonBlank(properties.getProperty("git.build.version")),
        nonBlank(properties.getProperty("git.commit.id.abbrev")));
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.trim();
  }
}
