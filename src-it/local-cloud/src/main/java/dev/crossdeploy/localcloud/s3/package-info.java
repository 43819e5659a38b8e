/**
 * The local cloud's S3: the REST-XML API ({@link dev.crossdeploy.localcloud.s3.S3Service}) over
 * the state in {@link dev.crossdeploy.localcloud.s3.S3Store}.
 *
 * <p>A request goes {@link dev.crossdeploy.localcloud.s3.S3Route} (bucket, key, operation from
 * Host, path, query and headers) → bucket lookup, {@code x-amz-expected-bucket-owner} and IAM
 * authorization ({@code S3Access}) → a handler ({@code BucketOperations},
 * {@code ObjectOperations}, {@code ObjectListing}, {@code MultipartOperations}). Upload bodies
 * pass through {@code PayloadReceiver}, which streams them to files, decoding
 * {@link dev.crossdeploy.localcloud.s3.AwsChunkedInputStream aws-chunked} bodies and checking
 * payload hashes, Content-MD5 and {@link dev.crossdeploy.localcloud.s3.ChecksumAlgorithm
 * checksums}. Errors are {@link dev.crossdeploy.localcloud.s3.S3Exception}s made by
 * {@link dev.crossdeploy.localcloud.s3.S3Errors} with AWS's codes and texts.
 */
package dev.crossdeploy.localcloud.s3;
