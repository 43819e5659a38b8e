package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.CloudRequest;

/**
 * One authorized S3 request on its way to a handler.
 *
 * @param bucket the addressed bucket, already known to exist; null for service-level operations
 *               and CreateBucket
 */
record S3Call(CloudRequest request, Principal caller, S3Route route, Bucket bucket) {
    String key() { return route.key(); }

    String header(String name) { return request.header(name); }
}
