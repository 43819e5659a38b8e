package dev.crossdeploy.localcloud.s3;

/** A bucket's public access block settings, as stored by PutPublicAccessBlock. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls,
                                boolean blockPublicPolicy, boolean restrictPublicBuckets) {}
