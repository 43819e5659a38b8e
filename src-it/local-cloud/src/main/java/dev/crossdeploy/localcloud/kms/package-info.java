/** KMS: customer managed keys and aliases as records (no cryptography), the KMS API, and S3's key lookup. */
package dev.crossdeploy.localcloud.kms;
