package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestApiConfigTest {
  @Test
  void shouldReadDefaultsAndTheApiKeys() {
    IngestServiceConfig config =
        IngestServiceConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers",
                    "localhost:9092",
                    "vigil.ingest.api.keys",
                    "a:" + ApiKeys.hash("k"))));

    assertThat(config.api().apiKeys().clientFor("Bearer k")).contains("a");
    assertThat(config.api().maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(config.api().deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(IngestApplication.producerConfig(config))
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("max.block.ms", 1000L)
        .containsEntry("delivery.timeout.ms", 10_000)
        .containsEntry("request.timeout.ms", 9_995);
  }

  @Test
  void shouldListEveryProblemWithoutEchoingAKey() {
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.ingest.api.keys", "a:plain-secret",
                "vigil.ingest.delivery.timeout", "0s",
                "vigil.ingest.max.batch.events", "0"));

    assertThatThrownBy(() -> IngestServiceConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_INGEST_API_KEYS")
        .hasMessageContaining("VIGIL_INGEST_DELIVERY_TIMEOUT")
        .hasMessageContaining("VIGIL_INGEST_MAX_BATCH_EVENTS")
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
        .hasMessageNotContaining("plain-secret");
  }
}
