package io.vigil.sink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {
  @Test
  void shouldBeReadOnlyWithoutKeysAndWithoutAProcessorByDefault() {
    ConsoleSettings settings = read(Map.of());

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.writable()).isFalse();
    assertThat(settings.processor()).isEmpty();
  }

  @Test
  void shouldAcceptWritersAndTheProcessorUrl() {
    ConsoleSettings settings =
        read(
            Map.of(
                "vigil.console.api.keys",
                "ops:" + ApiKeys.hash("secret"),
                "vigil.console.processor.url",
                "http://processor:8081/"));

    assertThat(settings.writable()).isTrue();
    assertThat(settings.writers().clientFor("Bearer secret")).contains("ops");
    assertThat(settings.processor()).contains(URI.create("http://processor:8081"));
  }

  @Test
  void shouldNameABadKeyListAndABadUrl() {
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.console.api.keys", "ops:not-a-hash",
                "vigil.console.processor.url", "processor:8081"));
    ConsoleSettings.from(settings);

    assertThatThrownBy(settings::validate)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.console.api.keys")
        .hasMessageContaining("vigil.console.processor.url");
  }

  private static ConsoleSettings read(Map<String, String> values) {
    Settings settings = Settings.of(values);
    ConsoleSettings console = ConsoleSettings.from(settings);
    settings.validate();
    return console;
  }
}
