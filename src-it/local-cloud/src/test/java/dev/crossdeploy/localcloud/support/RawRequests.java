package dev.crossdeploy.localcloud.support;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Hand-made HTTP requests to the local cloud, signed with the SDK's own SigV4 signer, for what
 * SDK clients never send: malformed bodies, unknown actions, presigned query calls, tampering.
 */
public final class RawRequests {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    public RawRequests(URI endpoint) { this.endpoint = endpoint; }

    /** A POST of a form body signed for {@code service}. */
    public HttpResponse<String> signedPost(String service, String keyId, String secret, String formBody) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(formBody))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        return send(signed.request(), HttpRequest.BodyPublishers.ofString(formBody));
    }

    /** A JSON 1.1 call ({@code X-Amz-Target: target}) signed for {@code service}, for services without an SDK client here. */
    public HttpResponse<String> signedJson(String service, String target, String keyId, String secret, String json) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(json))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        return send(signed.request(), HttpRequest.BodyPublishers.ofString(json));
    }

    /** A GET presigned in the query string for {@code service}. */
    public HttpResponse<String> presignedGet(String service, String keyId, String secret, String pathAndQuery, Duration expiry) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint.resolve(pathAndQuery)).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry));
        return send(signed.request(), HttpRequest.BodyPublishers.noBody());
    }

    /** An unsigned request; a body is sent as a form. */
    public HttpResponse<String> unsigned(String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/x-www-form-urlencoded");
        return send(b.build());
    }

    private HttpResponse<String> send(SdkHttpRequest signed, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(signed.getUri()).method(signed.method().name(), body);
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) values.forEach(v -> b.header(name, v));
        });
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
