package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListObjectsV2 through the SDK: order, prefixes, delimiters, pages. */
class S3ListObjectsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private S3Client s3;

    @BeforeEach
    void objects() {
        s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket("listing"));
        for (String key : List.of("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d/4.txt", "e.txt", "f/5.txt")) {
            s3.putObject(b -> b.bucket("listing").key(key), RequestBody.fromString(key));
        }
    }

    private static List<String> keys(ListObjectsV2Response r) { return r.contents().stream().map(S3Object::key).toList(); }

    private static List<String> prefixes(ListObjectsV2Response r) {
        return r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    @Test
    void listsAllKeysInOrderWithSizesAndEtags() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket("listing"));
        assertThat(keys(r)).containsExactly("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d/4.txt", "e.txt", "f/5.txt");
        assertThat(r.keyCount()).isEqualTo(7);
        assertThat(r.isTruncated()).isFalse();
        assertThat(r.contents().get(0).size()).isEqualTo(5);
        assertThat(r.contents().get(0).eTag()).isEqualTo(s3.headObject(b -> b.bucket("listing").key("a.txt")).eTag());
        assertThat(r.name()).isEqualTo("listing");
    }

    @Test
    void prefixFilters() {
        assertThat(keys(s3.listObjectsV2(b -> b.bucket("listing").prefix("b/")))).containsExactly("b/1.txt", "b/2.txt", "b/c/3.txt");
        assertThat(s3.listObjectsV2(b -> b.bucket("listing").prefix("zzz")).keyCount()).isZero();
    }

    @Test
    void delimiterRollsKeysUpIntoCommonPrefixes() {
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/"));
        assertThat(keys(top)).containsExactly("a.txt", "e.txt");
        assertThat(prefixes(top)).containsExactly("b/", "d/", "f/");
        assertThat(top.keyCount()).isEqualTo(5);

        ListObjectsV2Response inB = s3.listObjectsV2(b -> b.bucket("listing").prefix("b/").delimiter("/"));
        assertThat(keys(inB)).containsExactly("b/1.txt", "b/2.txt");
        assertThat(prefixes(inB)).containsExactly("b/c/");
    }

    @Test
    void maxKeysPagesWithContinuationTokens() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(3).continuationToken(t));
            assertThat(page.keyCount()).isLessThanOrEqualTo(3);
            assertThat(page.maxKeys()).isEqualTo(3);
            seen.addAll(keys(page));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            if (page.isTruncated()) assertThat(token).isNotBlank();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d/4.txt", "e.txt", "f/5.txt");
    }

    @Test
    void pagesOverCommonPrefixesDoNotRepeatThem() {
        List<String> entries = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket("listing").delimiter("/").maxKeys(2))) {
            // KeyCount counts the page's keys and common prefixes together.
            assertThat(page.keyCount()).isEqualTo(page.contents().size() + page.commonPrefixes().size());
            entries.addAll(keys(page));
            entries.addAll(prefixes(page));
        }
        assertThat(entries).containsExactlyInAnyOrder("a.txt", "b/", "d/", "e.txt", "f/");
    }

    @Test
    void startAfterSkipsKeys() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket("listing").startAfter("b/2.txt"));
        assertThat(keys(r)).containsExactly("b/c/3.txt", "d/4.txt", "e.txt", "f/5.txt");
        assertThat(r.startAfter()).isEqualTo("b/2.txt");
    }

    @Test
    void maxKeysZeroListsNothing() {
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(0));
        assertThat(r.keyCount()).isZero();
        assertThat(r.contents()).isEmpty();
    }

    @Test
    void aBadContinuationTokenIsInvalidArgument() {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("listing").continuationToken("garbage!")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The continuation token provided is incorrect");
                });
    }

    @Test
    void listingAMissingBucketIsNoSuchBucket() {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-listing")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class);
    }

    @Test
    void version1ListingStillWorks() {
        var r = s3.listObjects(b -> b.bucket("listing").delimiter("/").maxKeys(10));
        assertThat(r.contents()).extracting(S3Object::key).containsExactly("a.txt", "e.txt");
        assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/", "d/", "f/");
    }
}
