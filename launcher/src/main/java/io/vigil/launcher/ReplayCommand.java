package io.vigil.launcher;

import io.vigil.ingest.replay.ReplayFormat;
import io.vigil.ingest.replay.ReplayInput;
import io.vigil.ingest.replay.ReplaySpeed;
import io.vigil.ingest.replay.ReplaySummary;
import io.vigil.ingest.replay.Replayer;
import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.EventLimitsSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.event.EventLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil replay FILE…}: CSV (NAB) and NDJSON files or stdin into the events topic. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays CSV (header timestamp,value[,key], as in NAB files) and NDJSON events from files",
      "or stdin ('-' or no FILE) into the events topic, in order. Bad lines are reported with their",
      "line numbers and sent to the dead-letter topic. Settings: KAFKA_*, VIGIL_TOPIC_PREFIX,",
      "VIGIL_EVENTS_* (e.g. VIGIL_EVENTS_MAX_AGE=7300d for NAB's 2013-2015 timestamps)."
    })
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to replay; - is stdin.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--speed",
      defaultValue = "max",
      description = "max (as fast as possible, default), realtime, or a factor such as 10x.")
  String speed;

  @Option(names = "--format", description = "csv or ndjson (default: from the file extension).")
  ReplayFormat format;

  @Option(names = "--key", description = "Series key of CSV rows without a key column.")
  String key;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", description = "Prefix of the topic names (VIGIL_TOPIC_PREFIX).")
  String topicPrefix;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    ReplaySpeed pace;
    KafkaSettings kafka;
    EventLimits limits;
    try {
      pace = ReplaySpeed.parse(speed);
      Settings settings =
          Settings.load(
              new SettingOverrides(System.getenv())
                  .with("kafka.bootstrap.servers", bootstrapServers)
                  .with("vigil.topic.prefix", topicPrefix)
                  .env());
      kafka = KafkaSettings.from(settings);
      limits = EventLimitsSettings.from(settings);
      settings.validate();
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("replay: " + e.getMessage());
      return 2;
    }
    try {
      List<ReplayInput> inputs = inputs();
      ProgressBar bar = new ProgressBar(System.err);
      ReplaySummary summary;
      try (Replayer replayer = Replayer.open(kafka, limits, Clock.systemUTC())) {
        summary =
            replayer.replay(
                inputs, pace, noProgress ? io.vigil.ingest.replay.ReplayProgress.NONE : bar);
      }
      if (!noProgress) {
        bar.finish();
      }
      System.out.printf(
          "replayed %,d events from %,d lines in %.1f s (%,.0f events/s); %,d bad lines to the"
              + " dead-letter topic; %,d records not acknowledged%n",
          summary.events(),
          summary.lines(),
          summary.elapsed().toMillis() / 1000.0,
          summary.eventsPerSecond(),
          summary.deadLettered(),
          summary.failed());
      return summary.failed() == 0 ? 0 : 1;
    } catch (IOException e) {
      System.err.println("replay: " + e.getMessage());
      return 1;
    }
  }

  private List<ReplayInput> inputs() throws IOException {
    List<ReplayInput> inputs = new ArrayList<>();
    if (files.isEmpty()) {
      inputs.add(ReplayInput.stdin(System.in, format, key));
    }
    for (String file : files) {
      inputs.add(
          file.equals("-")
              ? ReplayInput.stdin(System.in, format, key)
              : ReplayInput.file(Path.of(file), format, key));
    }
    return inputs;
  }
}
