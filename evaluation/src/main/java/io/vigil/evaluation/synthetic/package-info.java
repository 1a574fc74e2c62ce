/**
 * Detection quality on labelled synthetic series: a {@link io.vigil.evaluation.synthetic.Scenario}
 * places anomalies of several kinds on some series and none on the others, a {@link
 * io.vigil.evaluation.synthetic.SeriesSource} generates them (the launcher plugs in the ingest
 * connector's simulator, so this package stays free of Kafka), every event goes through the
 * processor's per-key scoring pipeline and a {@link io.vigil.evaluation.synthetic.DetectionTally}
 * turns the alerts into recall, precision, detection delay and false alerts per kind.
 */
package io.vigil.evaluation.synthetic;
