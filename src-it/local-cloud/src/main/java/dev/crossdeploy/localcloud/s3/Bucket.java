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
    /** Keys in UTF-8 binary order, as S3 lists them (code point order is the same thing). */
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>(Bucket::compareCodePoints);
    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private volatile PolicyDocument policy;
    private volatile String versioning;
    private volatile PublicAccessBlock publicAccessBlock;
    private volatile Encryption defaultEncryption = Encryption.SSE_S3;
    private volatile Map<String, String> tags;

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

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
    Map<String, MultipartUpload> uploads() { return uploads; }

    /** The bucket policy, or null when none is set. */
    public PolicyDocument policy() { return policy; }
    void policy(PolicyDocument policy) { this.policy = policy; }

    /** "Enabled", "Suspended", or null when versioning was never configured. */
    public String versioning() { return versioning; }
    void versioning(String status) { this.versioning = status; }

    public PublicAccessBlock publicAccessBlock() { return publicAccessBlock; }
    void publicAccessBlock(PublicAccessBlock block) { this.publicAccessBlock = block; }

    /** The bucket's tag set, or null when it has none. */
    public Map<String, String> tags() { return tags; }
    void tags(Map<String, String> tags) {
        this.tags = tags == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** Default encryption; SSE-S3 (AES256) unless configured otherwise, as on AWS since 2023. */
    public Encryption defaultEncryption() { return defaultEncryption; }
    void defaultEncryption(Encryption encryption) { this.defaultEncryption = encryption; }
}
