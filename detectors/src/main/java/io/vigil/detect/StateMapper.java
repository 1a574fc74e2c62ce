package io.vigil.detect;

/**
 * Writes a model as bytes and reads it back. The first byte of every form is the format version, so
 * a newer build keeps reading what an older one stored (changelogs and state stores outlive
 * deployments).
 */
public interface StateMapper<M> {

  /** The format version this mapper writes. */
  int version();

  byte[] toBytes(M model);

  /**
   * @throws StateFormatException if the bytes are truncated, corrupt or of an unknown version
   */
  M fromBytes(byte[] bytes);
}
