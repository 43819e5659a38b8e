package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.iam.PolicyDocument;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket: its owner account and region, its settings, its objects in key order and its
 * multipart uploads in progress. Settings are replaced whole, so readers see one or the other.
 */
public final class Bucket {
    private final String name;
    private final String ownerAccount;
    private final String region;
    private final Instant created;
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private volatile PolicyDocument policy;
    private volatile String versioning;
    private volatile PublicAccessBlock publicAccessBlock;
    private volatile Encryption defaultEncryption = Encryption.SSE_S3;

    Bucket(String name, String ownerAccount, String region, Instant created) {
        this.name = name;
        this.ownerAccount = ownerAccount;
        this.region = region;
        this.created = created;
    }

    public String name() { return name; }
    public String ownerAccount() { return ownerAccount; }
    public String region() { return region; }
    public Instant created() { return created; }
    public String arn() { return "arn:aws:s3:::" + name; }

    NavigableMap<String, StoredObject> objects() { return objects; }
    Map<String, MultipartUpload> uploads() { return uploads; }

    /** The bucket policy, or null when none is set. */
    public PolicyDocument policy() { return policy; }
    void policy(PolicyDocument policy) { this.policy = policy; }

    /** "Enabled", "Suspended", or null when versioning was never configured. */
    public String versioning() { return versioning; }
    void versioning(String status) { this.versioning = status; }

    public PublicAccessBlock publicAccessBlock() { return publicAccessBlock; }
    void publicAccessBlock(PublicAccessBlock block) { this.publicAccessBlock = block; }

    /** Default encryption; SSE-S3 (AES256) unless configured otherwise, as on AWS since 2023. */
    public Encryption defaultEncryption() { return defaultEncryption; }
    void defaultEncryption(Encryption encryption) { this.defaultEncryption = encryption; }
}
