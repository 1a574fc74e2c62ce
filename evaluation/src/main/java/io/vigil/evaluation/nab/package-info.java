/**
 * The Numenta Anomaly Benchmark (NAB v1.1) scoring rules in Java: corpus reading, label windows,
 * probation, the scaled sigmoid, the corpus-wide threshold sweep and normalisation, matching NAB's
 * own {@code sweeper.py}.
 */
package io.vigil.evaluation.nab;
