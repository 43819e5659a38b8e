package dev.crossdeploy.localcloud.cloudformation.engine;

/** A stack output after evaluation. */
public record Output(String key, String value, String description, String exportName) {}
