package io.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
