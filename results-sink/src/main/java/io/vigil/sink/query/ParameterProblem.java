package io.vigil.sink.query;

/** A query parameter that cannot be used, and why; answered with 400. */
public record ParameterProblem(String parameter, String problem) {}
