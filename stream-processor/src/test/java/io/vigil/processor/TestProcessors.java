package io.vigil.processor;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** Processors for integration tests: the small EWMA setup, scores on, any free admin port. */
public final class TestProcessors {
  private TestProcessors() {}

  /** The events, dead-letter, anomalies and scores topics; {@code scores} with these configs. */
  public static void createTopics(
      String bootstrapServers, Topics topics, int partitions, Map<String, String> scoresConfigs) {
    new TopicProvisioner(Map.of("bootstrap.servers", bootstrapServers))
        .ensure(
            List.of(
                new NewTopic(topics.events().name(), partitions, (short) 1),
                new NewTopic(topics.eventsDeadLetter().name(), partitions, (short) 1),
                new NewTopic(topics.anomalies().name(), partitions, (short) 1),
                new NewTopic(topics.scores().name(), partitions, (short) 1)
                    .configs(scoresConfigs)));
  }

  public static ProcessorApplication start(String bootstrapServers, String prefix, Path stateDir) {
    Map<String, String> settings =
        Map.of(
            "kafka.bootstrap.servers",
            bootstrapServers,
            "vigil.topic.prefix",
            prefix,
            "vigil.processor.application.id",
            prefix + "processor",
            "vigil.processor.state.dir",
            stateDir.toString(),
            "vigil.processor.detector",
            "ewma",
            "vigil.processor.scores.enabled",
            "true",
            "vigil.http.host",
            "127.0.0.1",
            "vigil.http.port",
            "0");
    return ProcessorApplication.start(
        ProcessorConfig.from(Settings.of(settings)), Clock.systemUTC());
  }
}
