package io.vigil.ingest.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing to replay.
 *
 * @param name shown in reports and dead letters ({@code file:<name>}); the default series key of a
 *     CSV without a key column is its file name without extension
 * @param format how its lines are laid out
 * @param defaultKey series key for CSV rows without a {@code key} column
 * @param size bytes, for progress; -1 when unknown (stdin)
 * @param opener opens the bytes
 */
public record ReplayInput(
    String name, ReplayFormat format, String defaultKey, long size, Opener opener) {
  /** Opens the input's bytes. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public ReplayInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(defaultKey, "defaultKey");
    Objects.requireNonNull(opener, "opener");
  }

  /** A file; format from the extension unless given, key from the file name unless given. */
  public static ReplayInput file(Path file, ReplayFormat format, String key) throws IOException {
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return new ReplayInput(
        file.toString(),
        format != null ? format : ReplayFormat.ofFileName(fileName),
        key != null ? key : dot > 0 ? fileName.substring(0, dot) : fileName,
        Files.size(file),
        () -> Files.newInputStream(file));
  }

  /** Standard input (NDJSON unless told otherwise, key {@code stdin} unless given). */
  public static ReplayInput stdin(InputStream in, ReplayFormat format, String key) {
    return new ReplayInput(
        "stdin",
        format != null ? format : ReplayFormat.NDJSON,
        key != null ? key : "stdin",
        -1,
        () -> in);
  }
}
