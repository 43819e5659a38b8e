package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

/** S3's REST-XML API. PLACEHOLDER — replaced by the S3 work. */
public final class S3Service implements AwsService {
    public S3Service(CloudState state) {}

    @Override public String signingName() { return "s3"; }
    @Override public String actionOf(CloudRequest request) { return "Unknown"; }
    @Override public CloudResponse handle(CloudRequest request, Principal caller) {
        throw new AwsException(501, "NotImplemented", "S3 is not implemented yet");
    }
    @Override public CloudResponse error(AwsException error, CloudRequest request) {
        return CloudResponse.xml(error.status(), "<Error><Code>" + error.code() + "</Code></Error>");
    }
    @Override public AwsException throttled() { return new AwsException(503, "SlowDown", "Please reduce your request rate."); }
}
