package io.vigil.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.config.DetectorConfig;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private static List<String> names(Topics topics) {
    return Stream.of(
            topics.events(),
            topics.eventsDeadLetter(),
            topics.anomalies(),
            topics.anomaliesDeadLetter(),
            topics.scores(),
            topics.detectorConfig(),
            topics.feedback())
        .map(Topic::name)
        .toList();
  }

  @Test
  void shouldUseDefaultNames() {
    assertThat(names(Topics.defaults()))
        .containsExactly(
            "events",
            "events-dlq",
            "anomalies",
            "anomalies-dlq",
            "scores",
            "detector-config",
            "feedback");
  }

  @Test
  void shouldPrefixEveryName() {
    Topics topics = Topics.withPrefix("team-a.");

    assertThat(names(topics)).allSatisfy(name -> assertThat(name).startsWith("team-a."));
    assertThat(topics.prefix()).isEqualTo("team-a.");
    assertThat(Topics.withPrefix(null).events().name()).isEqualTo("events");
  }

  @Test
  void shouldCarryWorkingSerdes() {
    Topic<String, DetectorConfig> topic = Topics.defaults().detectorConfig();
    DetectorConfig config =
        new DetectorConfig("*", "ewma", 0.9, 10, Duration.ofSeconds(30), null, null, 1);

    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), config);

    assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes))
        .isEqualTo(config);
    assertThat(
            topic
                .keySerde()
                .deserializer()
                .deserialize(
                    topic.name(), topic.keySerde().serializer().serialize(topic.name(), "*")))
        .isEqualTo("*");
  }

  @Test
  void shouldRefuseABlankName() {
    assertThatThrownBy(() -> new Topic<>(" ", Serdes.String(), Serdes.String()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
