package io.vigil.evaluation.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the NAB development subset: the {@code vigil.nab.dir} system property, else the first
 * {@code shared/nab} folder found walking up from the working directory.
 */
final class SharedNab {
  static final String PROPERTY = "vigil.nab.dir";

  private SharedNab() {}

  static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured).toAbsolutePath();
      if (!Files.isDirectory(path.resolve("labels"))) {
        throw new IllegalStateException(PROPERTY + "=" + path + " is not a NAB corpus folder");
      }
      return path;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("nab");
      if (Files.isDirectory(candidate.resolve("labels"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "NAB corpus not found: no shared/nab folder above "
            + start
            + "; set -D"
            + PROPERTY
            + "=<folder>");
  }
}
