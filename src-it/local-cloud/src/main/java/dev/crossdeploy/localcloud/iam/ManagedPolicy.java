package dev.crossdeploy.localcloud.iam;

/** A customer managed policy (or an AWS managed one the cloud knows by ARN). */
public record ManagedPolicy(String arn, String name, String path, String policyId, PolicyDocument document) {}
