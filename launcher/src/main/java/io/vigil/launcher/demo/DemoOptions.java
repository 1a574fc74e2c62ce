package io.vigil.launcher.demo;

import io.vigil.localstack.LocalStackOptions;
import java.time.Duration;

/**
 * What the demo runs.
 *
 * @param series number of synthetic series
 * @param rate events per second over all series
 * @param duration how long to run; zero runs until interrupted
 * @param anomalyRate probability per event that an injected anomaly starts
 * @param anomalyKinds comma list of injected anomaly kinds
 * @param seasonality period of the seasonal cycle
 * @param seed random seed of the generator
 * @param processorPort HTTP port of the processor (0 = any)
 * @param sinkPort HTTP port of the sink (0 = any)
 * @param generatorPort HTTP port of the generator (0 = any)
 * @param stack which servers are embedded and which are external
 */
public record DemoOptions(
    int series,
    double rate,
    Duration duration,
    double anomalyRate,
    String anomalyKinds,
    Duration seasonality,
    long seed,
    int processorPort,
    int sinkPort,
    int generatorPort,
    LocalStackOptions stack) {}
