package dev.crossdeploy.localcloud.codecommit;

import java.time.Instant;

/**
 * One CodeCommit repository as the API describes it, created by a stack or by CreateRepository.
 * Its git content lives in a bare repository named after {@link #id()}, so a rename keeps it.
 */
public record RepositoryInfo(String accountId, String region, String id, String name, String description,
                             Instant created) {

    public String arn() { return "arn:aws:codecommit:" + region + ":" + accountId + ":" + name; }

    /** AWS's HTTPS clone URL; {@link CodeCommitUrls#local} turns it into this cloud's. */
    public String cloneUrlHttp() { return "https://" + host() + "/v1/repos/" + name; }

    public String cloneUrlSsh() { return "ssh://" + host() + "/v1/repos/" + name; }

    private String host() { return "git-codecommit." + region + ".amazonaws.com"; }
}
