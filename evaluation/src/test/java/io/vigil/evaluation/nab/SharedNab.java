package io.vigil.evaluation.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the NAB development subset: the {@code vigil.nab.dir} system property, the {@code
 * VIGIL_NAB_DIR} environment variable, the first {@code shared/nab} folder found walking up from
 * the working directory, or {@code /work/shared/nab} (where this workplace keeps it). The corpus is
 * not part of the repository (22 MB, kept aside so that nothing is tuned on the held-out series).
 */
final class SharedNab {
  static final String PROPERTY = "vigil.nab.dir";

  private SharedNab() {}

  static final String NOT_FOUND =
      "NAB corpus not found: set -D" + PROPERTY + " or VIGIL_NAB_DIR, or keep it at ../shared/nab";

  static java.util.Optional<Path> find() {
    try {
      return java.util.Optional.of(locate());
    } catch (IllegalStateException e) {
      return java.util.Optional.empty();
    }
  }

  static Path locate() {
    String configured = System.getProperty(PROPERTY, System.getenv("VIGIL_NAB_DIR"));
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
    Path workplace = Path.of("/work/shared/nab");
    if (Files.isDirectory(workplace.resolve("labels"))) {
      return workplace;
    }
    throw new IllegalStateException(
        "NAB corpus not found: no shared/nab folder above "
            + start
            + "; set -D"
            + PROPERTY
            + "=<folder>");
  }
}
