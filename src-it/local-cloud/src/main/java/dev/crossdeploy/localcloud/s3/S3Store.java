package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * S3's state: buckets owned by accounts, their settings and their objects, whose bytes live in
 * files under the store's directory (never whole in memory). Bucket names are global across
 * accounts and regions, as on AWS. The service and CloudFormation's resource types both use it.
 */
public final class S3Store {
    /** Smallest size of a multipart part other than the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final Clock clock;
    private final Path dir;
    /** How long a replaced or deleted object's file outlives it, so GETs already answering can finish streaming it. */
    private static final long RETIRE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile KmsKeyLookup kmsKeys = KmsKeyLookup.NONE;
    private final java.util.Queue<Retired> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Retired(Path file, long since) {}

    /** @param clock the cloud's clock, for objects' and buckets' dates */
    public S3Store(Clock clock, Path dir) {
        this.clock = clock;
        this.dir = dir;
    }

    /** Lets SSE-KMS writes ask KMS whether their key exists (the KMS module calls this at start). */
    public void kmsKeys(KmsKeyLookup lookup) { this.kmsKeys = lookup; }

    KmsKeyLookup kmsKeys() { return kmsKeys; }

    /** Forgets every bucket and deletes every object file. */
    public synchronized void reset() {
        buckets.clear();
        retired.clear();
        deleteTree(dir);
    }

    // ---- buckets ------------------------------------------------------------------------------

    /** Creates a bucket owned by {@code accountId}; BucketAlreadyExists / BucketAlreadyOwnedByYou / InvalidBucketName. */
    public synchronized void createBucket(String accountId, String region, String name) {
        if (!BucketNames.valid(name)) throw S3Errors.invalidBucketName(name);
        Bucket existing = buckets.get(name);
        if (existing != null) {
            throw existing.ownerAccount().equals(accountId)
                    ? S3Errors.bucketAlreadyOwnedByYou(name) : S3Errors.bucketAlreadyExists(name);
        }
        buckets.put(name, new Bucket(name, accountId, region, now()));
    }

    /** Deletes an empty bucket; NoSuchBucket / BucketNotEmpty. Uploads in progress are dropped with it. */
    public synchronized void deleteBucket(String name) {
        Bucket b = require(name);
        if (!b.objects().isEmpty()) throw S3Errors.bucketNotEmpty(name);
        b.uploads().values().forEach(u -> deleteTree(u.dir()));
        buckets.remove(name);
    }

    public boolean exists(String bucket) { return buckets.containsKey(bucket); }

    public Optional<Bucket> bucket(String name) { return Optional.ofNullable(buckets.get(name)); }

    /** The bucket, or NoSuchBucket. */
    public Bucket require(String name) {
        Bucket b = name == null ? null : buckets.get(name);
        if (b == null) throw S3Errors.noSuchBucket(name);
        return b;
    }

    public Optional<String> ownerAccount(String bucket) { return bucket(bucket).map(Bucket::ownerAccount); }

    public Optional<String> region(String bucket) { return bucket(bucket).map(Bucket::region); }

    /** The buckets an account owns, by name. */
    public List<Bucket> buckets(String accountId) {
        return buckets.values().stream().filter(b -> b.ownerAccount().equals(accountId))
                .sorted(Comparator.comparing(Bucket::name)).toList();
    }

    /** Sets the bucket policy after checking it as PutBucketPolicy does (MalformedPolicy). */
    public void putBucketPolicy(String bucket, String policyJson) {
        Bucket b = require(bucket);
        b.policy(BucketPolicies.parse(bucket, policyJson));
    }

    public void deleteBucketPolicy(String bucket) { require(bucket).policy(null); }

    public void setVersioning(String bucket, boolean enabled) { setVersioning(bucket, enabled ? "Enabled" : "Suspended"); }

    /** Versioning status "Enabled" or "Suspended". */
    public void setVersioning(String bucket, String status) { require(bucket).versioning(status); }

    public void setPublicAccessBlock(String bucket, boolean blockPublicAcls, boolean ignorePublicAcls,
                                     boolean blockPublicPolicy, boolean restrictPublicBuckets) {
        require(bucket).publicAccessBlock(new PublicAccessBlock(blockPublicAcls, ignorePublicAcls,
                blockPublicPolicy, restrictPublicBuckets));
    }

    public void deletePublicAccessBlock(String bucket) { require(bucket).publicAccessBlock(null); }

    /** Default encryption: "AES256" or "aws:kms" with an optional key id. */
    public void setDefaultEncryption(String bucket, String sseAlgorithm, String kmsKeyId) {
        setDefaultEncryption(bucket, new Encryption(sseAlgorithm, kmsKeyId, false));
    }

    public void setDefaultEncryption(String bucket, Encryption encryption) {
        require(bucket).defaultEncryption(encryption);
    }

    /** Replaces the bucket's tag set; null or empty removes it. */
    public void setBucketTags(String bucket, Map<String, String> tags) {
        require(bucket).tags(tags == null || tags.isEmpty() ? null : tags);
    }

    // ---- objects ------------------------------------------------------------------------------

    public boolean objectExists(String bucket, String key) { return object(bucket, key).isPresent(); }

    public Optional<StoredObject> object(String bucket, String key) {
        return bucket(bucket).map(b -> b.objects().get(key));
    }

    /** The object's bytes when it exists and is at most {@code maxBytes} long. */
    public Optional<byte[]> readObject(String bucket, String key, int maxBytes) {
        Optional<StoredObject> o = object(bucket, key);
        if (o.isEmpty() || o.get().size() > maxBytes) return Optional.empty();
        try {
            return Optional.of(Files.readAllBytes(o.get().file()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes an object from a stream, as a PutObject without checksums would (for CloudFormation and tests). */
    public StoredObject writeObject(String bucket, String key, InputStream data, String contentType) {
        Bucket b = require(bucket);
        Path file = newDataFile();
        MessageDigest md5 = md5();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = data.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                md5.update(buf, 0, n);
                size += n;
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
        ObjectHeaders headers = new ObjectHeaders(contentType == null ? ObjectHeaders.DEFAULT_CONTENT_TYPE : contentType,
                null, null, null, null, null, Map.of());
        return put(b, key, file, size, quote(HexFormat.of().formatHex(md5.digest())), headers,
                b.defaultEncryption(), Map.of(), null, null);
    }

    /** A fresh file under the store for an object's or a part's bytes. */
    Path newDataFile() {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            return data.resolve(UUID.randomUUID().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records an object whose bytes are already in {@code file}, replacing (and deleting) any previous one. */
    StoredObject put(Bucket bucket, String key, Path file, long size, String etag, ObjectHeaders headers,
                     Encryption encryption, Map<ChecksumAlgorithm, String> checksums, String checksumType,
                     List<Long> partSizes) {
        String versionId = switch (String.valueOf(bucket.versioning())) {
            case "Enabled" -> UUID.randomUUID().toString().replace("-", "");
            case "Suspended" -> "null";
            default -> null;
        };
        StoredObject o = new StoredObject(key, file, size, etag, now(), headers, encryption, Map.copyOf(checksums),
                checksums.isEmpty() ? null : checksumType, versionId,
                partSizes == null ? null : List.copyOf(partSizes));
        StoredObject previous;
        synchronized (this) {
            if (buckets.get(bucket.name()) != bucket) {
                deleteQuietly(file);
                throw S3Errors.noSuchBucket(bucket.name());
            }
            previous = bucket.objects().put(key, o);
        }
        if (previous != null) retire(previous.file());
        return o;
    }

    /** Deletes an object; absent keys are not an error (S3 answers 204 either way). */
    public void deleteObject(String bucket, String key) {
        StoredObject removed = require(bucket).objects().remove(key);
        if (removed != null) retire(removed.file());
    }

    // ---- multipart uploads --------------------------------------------------------------------

    MultipartUpload createUpload(Bucket bucket, String key, Principal initiator, ObjectHeaders headers,
                                 Encryption encryption, ChecksumAlgorithm algorithm) {
        String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        Path uploadDir;
        try {
            uploadDir = Files.createDirectories(dir.resolve("uploads").resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MultipartUpload u = new MultipartUpload(id, bucket.name(), key, now(), initiator, headers, encryption,
                algorithm, uploadDir);
        bucket.uploads().put(id, u);
        return u;
    }

    /** The upload with this id for this key, or NoSuchUpload. */
    MultipartUpload upload(Bucket bucket, String key, String uploadId) {
        MultipartUpload u = uploadId == null ? null : bucket.uploads().get(uploadId);
        if (u == null || !u.key().equals(key)) throw S3Errors.noSuchUpload(uploadId);
        return u;
    }

    List<MultipartUpload> uploads(Bucket bucket) {
        List<MultipartUpload> out = new ArrayList<>(bucket.uploads().values());
        out.sort(Comparator.comparing(MultipartUpload::key).thenComparing(MultipartUpload::initiated));
        return out;
    }

    /** A fresh file for a part of {@code upload}. */
    Path newPartFile(MultipartUpload upload) {
        return upload.dir().resolve(UUID.randomUUID().toString());
    }

    void putPart(MultipartUpload upload, MultipartUpload.Part part) {
        MultipartUpload.Part previous = upload.parts().put(part.number(), part);
        if (previous != null) deleteQuietly(previous.file());
    }

    void abortUpload(Bucket bucket, MultipartUpload upload) {
        if (bucket.uploads().remove(upload.uploadId()) != null) deleteTree(upload.dir());
    }

    /**
     * Joins the chosen parts into the object's file, records the object and forgets the upload.
     * NoSuchUpload when another request completed or aborted it meanwhile.
     */
    StoredObject completeUpload(Bucket bucket, MultipartUpload upload, List<MultipartUpload.Part> parts, String etag,
                                Map<ChecksumAlgorithm, String> checksums, String checksumType) {
        if (bucket.uploads().remove(upload.uploadId()) == null) throw S3Errors.noSuchUpload(upload.uploadId());
        Path file = newDataFile();
        long size = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (MultipartUpload.Part p : parts) {
                try (FileChannel in = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                    long pos = 0;
                    while (pos < p.size()) pos += in.transferTo(pos, p.size() - pos, out);
                }
                size += p.size();
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(upload.dir());
        }
        return put(bucket, upload.key(), file, size, etag, upload.headers(), upload.encryption(), checksums,
                checksumType, parts.stream().map(MultipartUpload.Part::size).toList());
    }

    /**
     * Deletes a file no object points to any more once no response can still be streaming it:
     * a GET picks its object, then opens the file only when it writes the body.
     */
    private void retire(Path file) {
        long now = System.nanoTime();
        retired.add(new Retired(file, now));
        for (Retired r; (r = retired.peek()) != null && now - r.since() > RETIRE_NANOS; ) {
            if (retired.remove(r)) deleteQuietly(r.file());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    Instant now() { return clock.instant().truncatedTo(ChronoUnit.MILLIS); }

    static String quote(String etag) { return "\"" + etag + "\""; }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A file still open elsewhere goes when its reader closes it.
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(S3Store::deleteQuietly);
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a later reset tries again.
        }
    }
}
