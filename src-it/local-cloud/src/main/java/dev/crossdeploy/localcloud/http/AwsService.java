package dev.crossdeploy.localcloud.http;

import dev.crossdeploy.localcloud.auth.Principal;

/**
 * One AWS service behind the shared endpoint, chosen by the signing name in the request's
 * SigV4 credential scope ("sts", "iam", "s3", "cloudformation").
 */
public interface AwsService {

    /** The SigV4 signing name that routes requests here. */
    String signingName();

    /** The operation a request asks for, e.g. "AssumeRole" or "PutObject"; used by fault rules. */
    String actionOf(CloudRequest request);

    /**
     * Answers a request whose signature has been verified. {@code caller} is
     * {@link Principal#anonymous()} for unsigned requests, which only S3 accepts.
     */
    CloudResponse handle(CloudRequest request, Principal caller);

    /** Renders an error in this service's wire shape. */
    CloudResponse error(AwsException error, CloudRequest request);

    /** Error code and message this service uses for throttling ("Throttling", "SlowDown"). */
    default AwsException throttled() {
        return new AwsException(400, "Throttling", "Rate exceeded");
    }
}
