/**
 * Detection-quality evaluation: streams every series of a NAB-style corpus through a detector, row
 * by row without look-ahead and with one configuration for the whole corpus, writes NAB result
 * files and scores them with {@link io.vigil.evaluation.nab.NabScorer}.
 */
package io.vigil.evaluation;
