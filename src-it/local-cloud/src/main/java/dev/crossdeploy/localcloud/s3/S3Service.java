package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.CredentialStore;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.xml.Xml;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * S3's REST-XML API over path-style and virtual-hosted requests. Each request is routed to an
 * operation, admitted by {@link S3Access} (bucket, signing region, expected owner, IAM), then
 * handed to the bucket, object, listing or multipart handlers. Errors come out in
 * S3's {@code <Error>} shape; nothing a client sends escapes as an exception.
 */
public final class S3Service implements AwsService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Largest body drained before answering an error: S3's 5 GiB single-upload limit and a margin. */
    private static final long MAX_DRAIN = 6L * 1024 * 1024 * 1024;

    private final S3Store store;
    private final S3Access access;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;

    /**
     * @param store       the buckets and objects
     * @param iam         decides each request over identity and bucket policies
     * @param credentials the keys streamed payload signatures are checked with
     */
    public S3Service(S3Store store, IamStore iam, CredentialStore credentials, CloudConfig config) {
        this.store = store;
        this.access = new S3Access(iam, config, store);
        PayloadReceiver receiver = new PayloadReceiver(credentials);
        this.buckets = new BucketOperations(store, access, receiver);
        this.objects = new ObjectOperations(store, access, receiver);
        this.multipart = new MultipartOperations(store, receiver);
    }

    @Override public String signingName() { return "s3"; }

    @Override
    public String actionOf(CloudRequest request) { return S3Route.of(request).operation().name(); }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        S3Route route = S3Route.of(request);
        if (request.header("Authorization") != null && request.header("x-amz-content-sha256") == null) {
            throw S3Errors.invalidRequest("Missing required header for this request: x-amz-content-sha256");
        }
        try {
            return dispatch(new S3Call(request, caller, route, access.admit(request, caller, route)))
                    .header("x-amz-id-2", hostId());
        } catch (S3Exception e) {
            if (route.operation() == S3Operation.HeadBucket && e.status() == 403) {
                store.region(route.bucket()).ifPresent(region -> e.header("x-amz-bucket-region", region));
            }
            throw e;
        } catch (AwsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw S3Errors.internalError();
        }
    }

    private CloudResponse dispatch(S3Call call) {
        return switch (call.route().operation()) {
            case ListBuckets -> buckets.listBuckets(call);
            case CreateBucket -> buckets.createBucket(call);
            case DeleteBucket -> buckets.deleteBucket(call);
            case HeadBucket -> buckets.headBucket(call);
            case GetBucketLocation -> buckets.getBucketLocation(call);
            case ListObjectsV2 -> ObjectListing.listV2(call);
            case ListObjects -> ObjectListing.listV1(call);
            case ListMultipartUploads -> multipart.listUploads(call);
            case PutBucketPolicy -> buckets.putBucketPolicy(call);
            case GetBucketPolicy -> buckets.getBucketPolicy(call);
            case DeleteBucketPolicy -> buckets.deleteBucketPolicy(call);
            case PutBucketVersioning -> buckets.putBucketVersioning(call);
            case GetBucketVersioning -> buckets.getBucketVersioning(call);
            case PutPublicAccessBlock -> buckets.putPublicAccessBlock(call);
            case GetPublicAccessBlock -> buckets.getPublicAccessBlock(call);
            case DeletePublicAccessBlock -> buckets.deletePublicAccessBlock(call);
            case PutBucketEncryption -> buckets.putBucketEncryption(call);
            case GetBucketEncryption -> buckets.getBucketEncryption(call);
            case DeleteBucketEncryption -> buckets.deleteBucketEncryption(call);
            case PutBucketTagging -> buckets.putBucketTagging(call);
            case GetBucketTagging -> buckets.getBucketTagging(call);
            case DeleteBucketTagging -> buckets.deleteBucketTagging(call);
            case DeleteObjects -> objects.deleteObjects(call);
            case PutObject -> objects.putObject(call);
            case CopyObject -> objects.copyObject(call);
            case GetObject -> objects.getObject(call);
            case HeadObject -> objects.headObject(call);
            case DeleteObject -> objects.deleteObject(call);
            case CreateMultipartUpload -> multipart.create(call);
            case UploadPart -> multipart.uploadPart(call);
            case CompleteMultipartUpload -> multipart.complete(call);
            case AbortMultipartUpload -> multipart.abort(call);
            case ListParts -> multipart.listParts(call);
            case Unsupported -> throw S3Errors.notImplemented();
            case NotAllowed -> throw S3Errors.methodNotAllowed(call.request().method(),
                    call.route().key() != null ? "OBJECT" : call.route().bucket() != null ? "BUCKET" : "SERVICE");
        };
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        drain(request);
        Xml x = new Xml().declaration().open("Error").leaf("Code", error.code()).leaf("Message", error.getMessage());
        CloudResponse response = CloudResponse.status(error.status()).header("Content-Type", "application/xml");
        if (error instanceof S3Exception s3) {
            s3.details().forEach(x::leaf);
            s3.headers().forEach(response::header);
        }
        String hostId = hostId();
        x.leaf("RequestId", request.requestId()).leaf("HostId", hostId);
        return response.header("x-amz-id-2", hostId).body(x.toString());
    }

    @Override
    public AwsException throttled() { return new S3Exception(503, "SlowDown", "Please reduce your request rate."); }

    /**
     * Reads and drops what is left of a refused request's body. Answering before the client has
     * sent it all would reset the connection under the client, which would then see a network
     * failure instead of S3's error (SDKs stream uploads without waiting for 100-continue).
     */
    private static void drain(CloudRequest request) {
        try (var in = request.body()) {
            long left = MAX_DRAIN;
            byte[] buf = new byte[64 * 1024];
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) left -= n;
        } catch (java.io.IOException | RuntimeException ignored) {
            // The client is gone or sent garbage; the error is answered (or not) either way.
        }
    }

    private static String hostId() {
        byte[] b = new byte[48];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
