package dev.crossdeploy.localcloud.support;

/** Policy documents tests use often. */
public final class Policies {
    private Policies() {}

    /** Trust policy letting an account (its root and, through their policies, its roles) assume the role. */
    public static String trustAccount(String accountId) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}""".formatted(accountId);
    }

    /** Trust policy for an account that also requires an external id. */
    public static String trustAccountWithExternalId(String accountId, String externalId) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"sts:ExternalId":"%s"}}}]}""".formatted(accountId, externalId);
    }

    public static String trustService(String service) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}""".formatted(service);
    }

    public static String allow(String action, String resource) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"%s"}]}"""
                .formatted(action, resource);
    }
}
