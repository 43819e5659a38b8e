package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.config.CloudConfig;

/** Creates the configured accounts' keys, roles and buckets in a freshly reset cloud. */
final class WorldSeeder {
    private final CloudState state;

    WorldSeeder(CloudState state) { this.state = state; }

    void seed() {
        CloudConfig config = state.config();
        for (CloudConfig.Account a : config.accounts()) {
            state.credentials().addRootKey(a.id(), a.accessKeyId(), a.secretAccessKey());
        }
        for (CloudConfig.Role r : config.roles()) {
            String account = config.accountId(r.account());
            state.iam().createRole(account, r.name(), r.path(), r.trustPolicy().toString(), null, r.maxSessionDuration());
            if (r.policies() != null) {
                r.policies().forEach((name, doc) -> state.iam().putRolePolicy(account, r.name(), name, doc.toString()));
            }
        }
        for (CloudConfig.Bucket b : config.buckets()) {
            String account = config.accountId(b.account());
            state.s3().createBucket(account, b.region() == null ? config.region() : b.region(), b.name());
            if (b.policy() != null) state.s3().putBucketPolicy(b.name(), b.policy().toString());
        }
    }
}
