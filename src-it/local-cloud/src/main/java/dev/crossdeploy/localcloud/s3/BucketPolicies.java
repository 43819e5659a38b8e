package dev.crossdeploy.localcloud.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.iam.PolicyDocument;

/**
 * Parses and checks a bucket policy the way PutBucketPolicy does: valid JSON, statements with a
 * Principal, S3 actions only, and resources inside the bucket. Failures are S3's MalformedPolicy.
 */
final class BucketPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BucketPolicies() {}

    static PolicyDocument parse(String bucket, String json) {
        JsonNode root;
        try {
            root = json == null || !json.stripLeading().startsWith("{") ? null : JSON.readTree(json);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        PolicyDocument doc;
        try {
            doc = PolicyDocument.parse(root);
        } catch (AwsException e) {
            throw S3Errors.malformedPolicy(e.getMessage());
        }
        String arn = "arn:aws:s3:::" + bucket;
        for (PolicyDocument.Statement s : doc.statements()) {
            if (!s.hasPrincipal()) throw S3Errors.malformedPolicy("Missing required field Principal");
            for (String action : s.actions()) {
                if (!action.equals("*") && !action.toLowerCase().startsWith("s3:")) {
                    throw S3Errors.malformedPolicy("Policy has invalid action");
                }
            }
            if (s.resources().isEmpty()) throw S3Errors.malformedPolicy("Missing required field Resource");
            for (String resource : s.resources()) {
                if (!insideBucket(arn, resource)) throw S3Errors.malformedPolicy("Policy has invalid resource");
            }
        }
        return doc;
    }

    private static boolean insideBucket(String bucketArn, String resource) {
        if (resource.equals(bucketArn) || resource.startsWith(bucketArn + "/")) return true;
        int star = resource.indexOf('*');
        int question = resource.indexOf('?');
        int wild = star < 0 ? question : question < 0 ? star : Math.min(star, question);
        return wild >= "arn:aws:s3:::".length() && bucketArn.startsWith(resource.substring(0, wild));
    }

    /** A policy is public when an Allow statement grants everyone ("*") without any condition. */
    static boolean isPublic(PolicyDocument policy) {
        return policy.statements().stream().anyMatch(s -> s.allow() && s.anyPrincipal() && s.conditions().isEmpty());
    }
}
