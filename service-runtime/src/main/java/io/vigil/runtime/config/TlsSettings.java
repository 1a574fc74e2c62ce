package io.vigil.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for a service's HTTP server: a PKCS12 key store ({@code vigil.http.tls.keystore}) and its
 * password, read from a file ({@code vigil.http.tls.keystore.password.file}, so it never sits in
 * the environment) or given directly ({@code vigil.http.tls.keystore.password}).
 */
public record TlsSettings(Path keyStore, String password) {
  public TlsSettings {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(password, "password");
  }

  /** Empty when no key store is configured (plain HTTP). */
  static Optional<TlsSettings> from(Settings settings) {
    String store = settings.string("vigil.http.tls.keystore", "");
    if (store.isBlank()) {
      return Optional.empty();
    }
    Path keyStore = Path.of(store);
    if (!Files.isReadable(keyStore)) {
      settings.problem(
          "vigil.http.tls.keystore (VIGIL_HTTP_TLS_KEYSTORE) is not a readable file: " + store);
    }
    String password = settings.secret("vigil.http.tls.keystore.password", "");
    return Optional.of(new TlsSettings(keyStore, password));
  }

  @Override
  public String toString() {
    return "TlsSettings[keyStore=" + keyStore + ", password=***]";
  }
}
