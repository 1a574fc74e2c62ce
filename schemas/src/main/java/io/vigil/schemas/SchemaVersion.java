package io.vigil.schemas;

import java.util.Locale;

/**
 * A version of Vigil's wire formats. Within a version, changes are additive only (new optional
 * fields, which readers ignore until they know them); anything else is a new version with its own
 * directory of schema files, and the old one stays readable.
 */
public enum SchemaVersion {
  V1;

  public static SchemaVersion current() {
    return V1;
  }

  /** {@code v1}, as in resource paths and schema ids. */
  public String directory() {
    return name().toLowerCase(Locale.ROOT);
  }
}
