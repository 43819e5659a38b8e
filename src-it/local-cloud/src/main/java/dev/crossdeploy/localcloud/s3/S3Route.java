package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an S3 request points and what it asks: the bucket from a virtual host
 * ({@code bucket.localhost}, {@code bucket.s3.localhost}, {@code bucket.s3.<region>.amazonaws.com},
 * {@code bucket.s3.amazonaws.com}) or from the path's first segment, the key after it, and the
 * operation chosen by method, sub-resource query parameters and headers.
 *
 * @param bucket null for service-level requests (ListBuckets)
 * @param key    null for bucket-level requests
 */
public record S3Route(String bucket, String key, S3Operation operation) {
    private static final Pattern AWS_HOST = Pattern.compile("(.+)\\.s3(?:[.-]dualstack)?(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com");
    private static final Pattern LOCAL_S3_HOST = Pattern.compile("(.+)\\.s3(?:\\.[a-z0-9-]+)?\\.localhost");
    private static final Pattern LOCAL_HOST = Pattern.compile("(.+)\\.localhost");
    private static final List<String> BUCKET_SUBRESOURCES = List.of("policy", "versioning", "publicAccessBlock",
            "encryption", "location", "uploads", "delete", "acl", "tagging", "cors", "lifecycle", "website",
            "logging", "notification", "replication", "ownershipControls", "object-lock", "accelerate",
            "requestPayment", "analytics", "metrics", "inventory", "intelligent-tiering", "versions");
    private static final List<String> OBJECT_SUBRESOURCES = List.of("acl", "tagging", "retention", "legal-hold",
            "attributes", "torrent", "restore", "select");

    public static S3Route of(CloudRequest request) {
        String bucket = virtualHostBucket(request.hostName());
        String path = request.path();
        String key;
        if (bucket != null) {
            key = path.length() > 1 ? path.substring(1) : null;
        } else {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            bucket = slash < 0 ? rest : rest.substring(0, slash);
            key = slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
            if (bucket.isEmpty()) bucket = null;
        }
        return new S3Route(bucket, key, operation(request, bucket, key));
    }

    /** The bucket a virtual-hosted-style Host names, or null for path-style hosts. */
    static String virtualHostBucket(String host) {
        if (host == null || host.isEmpty()) return null;
        for (Pattern p : List.of(AWS_HOST, LOCAL_S3_HOST, LOCAL_HOST)) {
            Matcher m = p.matcher(host);
            if (m.matches()) {
                String b = m.group(1);
                return b.equals("s3") || b.startsWith("s3.") || b.startsWith("s3-") ? null : b;
            }
        }
        return null;
    }

    private static S3Operation operation(CloudRequest r, String bucket, String key) {
        String method = r.method();
        if (bucket == null) {
            return method.equals("GET") ? S3Operation.ListBuckets : S3Operation.NotAllowed;
        }
        if (key == null) return bucketOperation(r, method);
        return objectOperation(r, method);
    }

    private static S3Operation bucketOperation(CloudRequest r, String method) {
        String sub = BUCKET_SUBRESOURCES.stream().filter(r::hasQueryParam).findFirst().orElse(null);
        return switch (method) {
            case "PUT" -> sub == null ? S3Operation.CreateBucket : switch (sub) {
                case "policy" -> S3Operation.PutBucketPolicy;
                case "versioning" -> S3Operation.PutBucketVersioning;
                case "publicAccessBlock" -> S3Operation.PutPublicAccessBlock;
                case "encryption" -> S3Operation.PutBucketEncryption;
                case "tagging" -> S3Operation.PutBucketTagging;
                default -> S3Operation.Unsupported;
            };
            case "GET" -> sub == null
                    ? ("2".equals(r.queryParam("list-type")) ? S3Operation.ListObjectsV2 : S3Operation.ListObjects)
                    : switch (sub) {
                case "policy" -> S3Operation.GetBucketPolicy;
                case "versioning" -> S3Operation.GetBucketVersioning;
                case "publicAccessBlock" -> S3Operation.GetPublicAccessBlock;
                case "encryption" -> S3Operation.GetBucketEncryption;
                case "location" -> S3Operation.GetBucketLocation;
                case "uploads" -> S3Operation.ListMultipartUploads;
                case "tagging" -> S3Operation.GetBucketTagging;
                default -> S3Operation.Unsupported;
            };
            case "HEAD" -> S3Operation.HeadBucket;
            case "DELETE" -> sub == null ? S3Operation.DeleteBucket : switch (sub) {
                case "policy" -> S3Operation.DeleteBucketPolicy;
                case "publicAccessBlock" -> S3Operation.DeletePublicAccessBlock;
                case "encryption" -> S3Operation.DeleteBucketEncryption;
                case "tagging" -> S3Operation.DeleteBucketTagging;
                default -> S3Operation.Unsupported;
            };
            case "POST" -> "delete".equals(sub) ? S3Operation.DeleteObjects : S3Operation.NotAllowed;
            default -> S3Operation.NotAllowed;
        };
    }

    private static S3Operation objectOperation(CloudRequest r, String method) {
        if (OBJECT_SUBRESOURCES.stream().anyMatch(r::hasQueryParam)) {
            return List.of("GET", "PUT", "POST", "DELETE", "HEAD").contains(method)
                    ? S3Operation.Unsupported : S3Operation.NotAllowed;
        }
        boolean upload = r.hasQueryParam("uploadId");
        return switch (method) {
            case "PUT" -> {
                if (upload || r.hasQueryParam("partNumber")) {
                    yield r.header("x-amz-copy-source") != null ? S3Operation.Unsupported : S3Operation.UploadPart;
                }
                yield r.header("x-amz-copy-source") != null ? S3Operation.CopyObject : S3Operation.PutObject;
            }
            case "GET" -> upload ? S3Operation.ListParts : S3Operation.GetObject;
            case "HEAD" -> S3Operation.HeadObject;
            case "DELETE" -> upload ? S3Operation.AbortMultipartUpload : S3Operation.DeleteObject;
            case "POST" -> r.hasQueryParam("uploads") ? S3Operation.CreateMultipartUpload
                    : upload ? S3Operation.CompleteMultipartUpload : S3Operation.NotAllowed;
            default -> S3Operation.NotAllowed;
        };
    }
}
