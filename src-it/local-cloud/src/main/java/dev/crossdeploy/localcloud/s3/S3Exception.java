package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.AwsException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error: besides status, code and message it carries the extra elements S3 puts in its
 * {@code <Error>} document ({@code BucketName}, {@code Key}, {@code UploadId}, ...) and headers
 * some errors answer with ({@code x-amz-bucket-region}).
 */
public final class S3Exception extends AwsException {
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public S3Exception(int status, String code, String message) {
        super(status, code, message);
    }

    /** Adds an element to the error document; null values are skipped. */
    public S3Exception detail(String name, String value) {
        if (value != null) details.put(name, value);
        return this;
    }

    public S3Exception header(String name, String value) {
        if (value != null) headers.put(name, value);
        return this;
    }

    public Map<String, String> details() { return details; }

    public Map<String, String> headers() { return headers; }
}
