package dev.crossdeploy.localcloud.codepipeline;

/** Where a pipeline artifact is: an object in the pipeline's artifact bucket. */
record ArtifactLocation(String name, String bucket, String key) {}
