package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.xml.Xml;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * S3's REST-XML API over path-style and virtual-hosted requests. Each request is routed to an
 * operation, its bucket looked up, the expected owner and IAM (identity and bucket policies)
 * checked, then handed to the bucket, object, listing or multipart handlers. Errors come out in
 * S3's {@code <Error>} shape; nothing a client sends escapes as an exception.
 */
public final class S3Service implements AwsService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Operations on a bucket's policy that its account's root user may always perform, so it cannot lock itself out. */
    private static final Set<S3Operation> ROOT_ALWAYS = EnumSet.of(S3Operation.GetBucketPolicy,
            S3Operation.PutBucketPolicy, S3Operation.DeleteBucketPolicy);

    private final S3Store store;
    private final S3Access access;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;

    public S3Service(CloudState state) {
        this.store = state.s3();
        this.access = new S3Access(state);
        PayloadReceiver receiver = new PayloadReceiver(state.credentials());
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
        try {
            return dispatch(new S3Call(request, caller, route, authorizedBucket(request, caller, route)));
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

    /** The bucket the request addresses once the caller may act on it; null for service-level operations. */
    private Bucket authorizedBucket(CloudRequest request, Principal caller, S3Route route) {
        S3Operation op = route.operation();
        if (op.scope() == S3Operation.Scope.SERVICE) return null;
        Bucket bucket = store.require(route.bucket());
        access.checkExpectedOwner(request, bucket);
        if (ROOT_ALWAYS.contains(op) && caller.isRoot() && caller.accountId().equals(bucket.ownerAccount())) {
            return bucket;
        }
        String resource = op.scope() == S3Operation.Scope.OBJECT ? bucket.arn() + "/" + route.key() : bucket.arn();
        access.authorize(caller, op.iamAction(), resource, bucket, request);
        return bucket;
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
        Xml x = new Xml().declaration().open("Error").leaf("Code", error.code()).leaf("Message", error.getMessage());
        CloudResponse response = CloudResponse.status(error.status()).header("Content-Type", "application/xml");
        if (error instanceof S3Exception s3) {
            s3.details().forEach(x::leaf);
            s3.headers().forEach(response::header);
        }
        x.leaf("RequestId", request.requestId()).leaf("HostId", hostId());
        return response.body(x.toString());
    }

    @Override
    public AwsException throttled() { return new S3Exception(503, "SlowDown", "Please reduce your request rate."); }

    private static String hostId() {
        byte[] b = new byte[48];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
