package io.vigil.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DurableProducersTest {

  @Test
  void shouldForceAcksAllAndIdempotenceOnACopy() {
    Map<String, Object> clientConfig =
        Map.of("bootstrap.servers", "k:9092", "acks", "1", "enable.idempotence", "false");

    Map<String, Object> config = DurableProducers.config(clientConfig);

    assertThat(config)
        .containsEntry("bootstrap.servers", "k:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true);
    assertThat(clientConfig).containsEntry("acks", "1");
  }
}
