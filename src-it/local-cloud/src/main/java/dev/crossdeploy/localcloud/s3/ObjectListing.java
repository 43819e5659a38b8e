package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.xml.Xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ListObjectsV2 (and the older ListObjects): keys in order from a start point, filtered by
 * prefix, rolled up into CommonPrefixes by a delimiter, cut at max-keys with a continuation
 * token, and URL-encoded when the client asks (the SDK always does).
 */
final class ObjectListing {
    private static final int MAX_KEYS = 1000;

    private ObjectListing() {}

    /** One page: objects and common prefixes in key order; {@code next} is where the next page starts after. */
    private record Page(List<StoredObject> objects, List<String> prefixes, boolean truncated, String nextAfter,
                        boolean nextIsPrefix) {}

    static CloudResponse listV2(S3Call call) {
        CloudRequest r = call.request();
        String prefix = orEmpty(r.queryParam("prefix"));
        String delimiter = emptyToNull(r.queryParam("delimiter"));
        int maxKeys = maxKeys(r.queryParam("max-keys"));
        String token = r.queryParam("continuation-token");
        String startAfter = r.queryParam("start-after");
        boolean url = encodingType(r);
        String after = startAfter;
        boolean afterPrefix = false;
        if (token != null) {
            String[] decoded = decodeToken(token);
            afterPrefix = decoded[0].equals("P");
            after = decoded[1];
        }
        Page page = page(call.bucket(), prefix, delimiter, maxKeys, after, afterPrefix);
        boolean fetchOwner = "true".equalsIgnoreCase(r.queryParam("fetch-owner"));

        Xml x = S3Xml.document("ListBucketResult").leaf("Name", call.bucket().name())
                .leaf("Prefix", encode(prefix, url))
                .leaf("KeyCount", page.objects().size() + page.prefixes().size())
                .leaf("MaxKeys", maxKeys)
                .leaf("Delimiter", encode(delimiter, url))
                .leaf("IsTruncated", page.truncated())
                .leaf("ContinuationToken", token)
                .leaf("NextContinuationToken", page.truncated() ? encodeToken(page) : null)
                .leaf("StartAfter", encode(startAfter, url))
                .leaf("EncodingType", url ? "url" : null);
        contents(x, page, url, fetchOwner ? call.bucket().ownerAccount() : null);
        return S3Xml.ok(x);
    }

    static CloudResponse listV1(S3Call call) {
        CloudRequest r = call.request();
        String prefix = orEmpty(r.queryParam("prefix"));
        String delimiter = emptyToNull(r.queryParam("delimiter"));
        int maxKeys = maxKeys(r.queryParam("max-keys"));
        String marker = r.queryParam("marker");
        boolean url = encodingType(r);
        Page page = page(call.bucket(), prefix, delimiter, maxKeys, marker, false);
        Xml x = S3Xml.document("ListBucketResult").leaf("Name", call.bucket().name())
                .leaf("Prefix", encode(prefix, url))
                .leaf("Marker", encode(orEmpty(marker), url))
                .leaf("NextMarker", page.truncated() && delimiter != null ? encode(page.nextAfter(), url) : null)
                .leaf("MaxKeys", maxKeys)
                .leaf("Delimiter", encode(delimiter, url))
                .leaf("IsTruncated", page.truncated())
                .leaf("EncodingType", url ? "url" : null);
        contents(x, page, url, call.bucket().ownerAccount());
        return S3Xml.ok(x);
    }

    private static void contents(Xml x, Page page, boolean url, String ownerAccount) {
        for (StoredObject o : page.objects()) {
            x.open("Contents").leaf("Key", encode(o.key(), url))
                    .leaf("LastModified", S3Xml.iso(o.lastModified()))
                    .leaf("ETag", o.etag())
                    .leaf("Size", o.size());
            o.checksums().keySet().forEach(a -> x.leaf("ChecksumAlgorithm", a.name()));
            if (o.checksumType() != null) x.leaf("ChecksumType", o.checksumType());
            if (ownerAccount != null) S3Xml.owner(x, "Owner", ownerAccount);
            x.leaf("StorageClass", "STANDARD").close();
        }
        for (String p : page.prefixes()) x.open("CommonPrefixes").leaf("Prefix", encode(p, url)).close();
    }

    private static Page page(Bucket bucket, String prefix, String delimiter, int maxKeys, String after, boolean afterPrefix) {
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        var tail = after == null || Bucket.compareCodePoints(after, prefix) < 0
                ? bucket.objects().tailMap(prefix, true) : bucket.objects().tailMap(after, false);
        String lastPrefix = afterPrefix ? after : null;
        String nextAfter = null;
        boolean nextIsPrefix = false;
        int count = 0;
        for (Map.Entry<String, StoredObject> e : tail.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) break;
            String rolled = null;
            if (delimiter != null) {
                int d = key.indexOf(delimiter, prefix.length());
                if (d >= 0) rolled = key.substring(0, d + delimiter.length());
            }
            if (rolled != null && rolled.equals(lastPrefix)) continue;
            if (count == maxKeys) return new Page(objects, prefixes, true, nextAfter, nextIsPrefix);
            if (rolled != null) {
                prefixes.add(rolled);
                lastPrefix = rolled;
                nextAfter = rolled;
                nextIsPrefix = true;
            } else {
                objects.add(e.getValue());
                nextAfter = key;
                nextIsPrefix = false;
            }
            count++;
        }
        return new Page(objects, prefixes, false, nextAfter, nextIsPrefix);
    }

    private static int maxKeys(String v) {
        if (v == null) return MAX_KEYS;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", v);
        }
    }

    private static boolean encodingType(CloudRequest r) {
        String v = r.queryParam("encoding-type");
        if (v == null) return false;
        if (!v.equals("url")) throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", v);
        return true;
    }

    private static String encodeToken(Page page) {
        String raw = (page.nextIsPrefix() ? "P" : "K") + ":" + page.nextAfter();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeToken(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (raw.length() >= 2 && (raw.startsWith("K:") || raw.startsWith("P:"))) {
                return new String[] {raw.substring(0, 1), raw.substring(2)};
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error
        }
        throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }

    /** S3's url encoding-type: percent-encoding of everything but unreserved characters and '/'. */
    static String encode(String s, boolean url) {
        if (s == null || !url) return s;
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (x & 0xff);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == '/') {
                b.append(ch);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
