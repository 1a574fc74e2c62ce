package io.vigil.launcher.demo;

import io.vigil.localstack.LocalStackOptions;
import java.time.Duration;

/**
 * What the demo runs.
 *
 * @param series number of synthetic series
 * @param rate live events per second over all series
 * @param duration how long to run; zero runs until interrupted
 * @param history events per series replayed at start, before the live events
 * @param historyStep event time between two history events of a series
 * @param injections anomalies scripted into the first minute of live events, one per series
 * @param anomalyRate probability per live event that an extra random anomaly starts
 * @param anomalyKinds comma list of anomaly kinds, injected in turn
 * @param seasonality period of the seasonal cycle
 * @param seed random seed of the generator and of the injection plan
 * @param processorPort HTTP port of the processor (0 = any)
 * @param sinkPort HTTP port of the sink (0 = any)
 * @param generatorPort HTTP port of the generator (0 = any)
 * @param stack which servers are embedded and which are external
 */
public record DemoOptions(
    int series,
    double rate,
    Duration duration,
    int history,
    Duration historyStep,
    int injections,
    double anomalyRate,
    String anomalyKinds,
    Duration seasonality,
    long seed,
    int processorPort,
    int sinkPort,
    int generatorPort,
    LocalStackOptions stack) {}
