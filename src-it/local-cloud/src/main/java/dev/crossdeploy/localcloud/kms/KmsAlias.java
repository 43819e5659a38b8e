package dev.crossdeploy.localcloud.kms;

/** An alias ({@code alias/orders}) naming a key of its account and region. */
public record KmsAlias(String accountId, String region, String aliasName, String targetKeyId, long createdSeconds) {

    public String arn() { return KmsRefs.aliasArn(region, accountId, aliasName); }
}
