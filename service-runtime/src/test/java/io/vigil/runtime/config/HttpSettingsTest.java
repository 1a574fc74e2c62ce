package io.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSettingsTest {
  @Test
  void shouldListenOnAllInterfacesAtTheServicesDefaultPort() {
    assertThat(HttpSettings.from(Settings.of(Map.of()), 8081))
        .isEqualTo(new HttpSettings("0.0.0.0", 8081));
  }

  @Test
  void shouldReadHostAndPort() {
    Settings settings =
        Settings.load(Map.of("VIGIL_HTTP_HOST", "127.0.0.1", "VIGIL_HTTP_PORT", "0"));

    assertThat(HttpSettings.from(settings, 8080)).isEqualTo(new HttpSettings("127.0.0.1", 0));
  }

  @Test
  void shouldReportAPortOutOfRange() {
    Settings settings = Settings.load(Map.of("VIGIL_HTTP_PORT", "70000"));

    HttpSettings.from(settings, 8080);

    assertThatThrownBy(settings::validate)
        .hasMessageContaining(
            "vigil.http.port (VIGIL_HTTP_PORT) must be an integer in [0, 65535], was '70000'");
  }

  @Test
  void shouldReadTheKeyStorePasswordFromAFileAndNeverPrintIt(@TempDir Path dir) throws Exception {
    Path store = Files.writeString(dir.resolve("server.p12"), "not checked here");
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.http.tls.keystore", store.toString(),
                "vigil.http.tls.keystore.password.file", password.toString()));

    HttpSettings http = HttpSettings.from(settings, 8080);

    settings.validate();
    assertThat(http.tls()).contains(new TlsSettings(store, "s3cret"));
    assertThat(http.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldNameAKeyStoreThatCannotBeRead() {
    Settings settings = Settings.of(Map.of("vigil.http.tls.keystore", "/nonexistent/server.p12"));

    HttpSettings.from(settings, 8080);

    assertThatThrownBy(settings::validate)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_HTTP_TLS_KEYSTORE")
        .hasMessageContaining("/nonexistent/server.p12");
  }
}
