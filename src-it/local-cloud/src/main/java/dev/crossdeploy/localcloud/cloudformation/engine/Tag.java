package dev.crossdeploy.localcloud.cloudformation.engine;

/** A stack tag. */
public record Tag(String key, String value) {}
