package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.xml.Xml;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Single-object operations: put, get, head, delete, copy, and the multi-object delete. */
final class ObjectOperations {
    private final S3Store store;
    private final S3Access access;
    private final PayloadReceiver receiver;

    ObjectOperations(S3Store store, S3Access access, PayloadReceiver receiver) {
        this.store = store;
        this.access = access;
        this.receiver = receiver;
    }

    CloudResponse putObject(S3Call call) {
        Bucket b = call.bucket();
        String key = call.key();
        checkWritePreconditions(call.request(), b, key);
        Encryption encryption = SseHeaders.resolve(call.request(), b, store.kmsKeys());
        ObjectHeaders headers = ObjectHeaders.from(call.request());
        Path file = store.newDataFile();
        PayloadReceiver.Received in = receiver.receive(call.request(), file, null);
        StoredObject o = store.put(b, key, file, in.size(), in.etag(), headers, encryption, in.checksums(),
                "FULL_OBJECT", null);
        CloudResponse r = CloudResponse.status(200).header("ETag", o.etag()).header("x-amz-version-id", o.versionId());
        writeChecksums(r, o);
        return SseHeaders.write(r, encryption);
    }

    /** Conditional writes: If-None-Match: * refuses to overwrite; If-Match needs the current ETag. */
    static void checkWritePreconditions(CloudRequest request, Bucket bucket, String key) {
        StoredObject current = bucket.objects().get(key);
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.trim().equals("*") && current != null) {
            throw S3Errors.preconditionFailed("If-None-Match");
        }
        String ifMatch = request.header("If-Match");
        if (ifMatch != null) {
            if (current == null) throw S3Errors.noSuchKey(key);
            if (!etagMatches(ifMatch, current.etag())) throw S3Errors.preconditionFailed("If-Match");
        }
    }

    CloudResponse getObject(S3Call call) { return read(call, false); }

    CloudResponse headObject(S3Call call) { return read(call, true); }

    private CloudResponse read(S3Call call, boolean head) {
        CloudRequest req = call.request();
        StoredObject o = call.bucket().objects().get(call.key());
        if (o == null) {
            // Without s3:ListBucket S3 does not reveal whether a key exists.
            if (!access.allowed(call.caller(), "s3:ListBucket", call.bucket().arn(), call.bucket(), req)) {
                throw S3Errors.accessDenied();
            }
            throw S3Errors.noSuchKey(call.key());
        }
        CloudResponse notModified = checkReadPreconditions(req, o);
        if (notModified != null) return notModified;

        String partNumber = req.queryParam("partNumber");
        ByteRange range = partNumber == null ? ByteRange.parse(req.header("Range"), o.size()) : partRange(req, o, partNumber);
        CloudResponse r = CloudResponse.status(range == null ? 200 : 206);
        if (partNumber != null && o.partsCount() != null) r.header("x-amz-mp-parts-count", o.partsCount().toString());
        ObjectHeaders h = o.headers();
        r.header("Content-Type", override(req, "response-content-type", h.contentType()))
                .header("Content-Encoding", override(req, "response-content-encoding", h.contentEncoding()))
                .header("Content-Disposition", override(req, "response-content-disposition", h.contentDisposition()))
                .header("Cache-Control", override(req, "response-cache-control", h.cacheControl()))
                .header("Content-Language", override(req, "response-content-language", h.contentLanguage()))
                .header("Expires", override(req, "response-expires", h.expires()))
                .header("ETag", o.etag())
                .header("Last-Modified", S3Xml.http(o.lastModified()))
                .header("Accept-Ranges", "bytes")
                .header("x-amz-version-id", o.versionId());
        h.metadata().forEach((k, v) -> r.header("x-amz-meta-" + k, v));
        SseHeaders.write(r, o.encryption());
        if (range == null && "ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode"))) writeChecksums(r, o);
        if (range != null) {
            r.header("Content-Range", range.contentRange(o.size()));
            return r.file(o.file(), range.first(), range.length());
        }
        return r.file(o.file(), 0, o.size());
    }

    /** The bytes of one part of a multipart object (GET/HEAD ?partNumber=N); a plain object is its own part 1. */
    private static ByteRange partRange(CloudRequest req, StoredObject o, String partNumber) {
        int n;
        try {
            n = Integer.parseInt(partNumber.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 10_000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", partNumber);
        }
        if (req.header("Range") != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
        }
        int count = o.partsCount() == null ? 1 : o.partsCount();
        if (n > count) {
            throw new S3Exception(416, "InvalidPartNumber", "The requested partnumber is not satisfiable")
                    .detail("PartNumberRequested", Integer.toString(n)).detail("ActualPartCount", Integer.toString(count));
        }
        if (o.partSizes() == null) return null;
        long first = 0;
        for (int i = 0; i < n - 1; i++) first += o.partSizes().get(i);
        return new ByteRange(first, first + o.partSizes().get(n - 1) - 1);
    }

    /** 304 for If-None-Match / If-Modified-Since, 412 for If-Match / If-Unmodified-Since, as S3 orders them. */
    private static CloudResponse checkReadPreconditions(CloudRequest req, StoredObject o) {
        String ifMatch = req.header("If-Match");
        String ifNoneMatch = req.header("If-None-Match");
        Instant modified = o.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (ifMatch != null && !etagMatches(ifMatch, o.etag())) throw S3Errors.preconditionFailed("If-Match");
        Instant unmodifiedSince = httpDate(req.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
            throw S3Errors.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, o.etag())) return notModified(o);
        Instant modifiedSince = httpDate(req.header("If-Modified-Since"));
        if (ifNoneMatch == null && modifiedSince != null && !modified.isAfter(modifiedSince)) return notModified(o);
        return null;
    }

    private static CloudResponse notModified(StoredObject o) {
        return CloudResponse.status(304).header("ETag", o.etag()).header("Last-Modified", S3Xml.http(o.lastModified()));
    }

    private static Instant httpDate(String v) {
        if (v == null) return null;
        try {
            return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || unquote(c).equals(unquote(etag))) return true;
        }
        return false;
    }

    static String unquote(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) e = e.substring(2);
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    private static String override(CloudRequest req, String param, String stored) {
        String v = req.queryParam(param);
        return v != null ? v : stored;
    }

    static void writeChecksums(CloudResponse r, StoredObject o) {
        o.checksums().forEach((alg, value) -> r.header(alg.header(), value));
        if (!o.checksums().isEmpty()) r.header("x-amz-checksum-type", o.checksumType());
    }

    CloudResponse deleteObject(S3Call call) {
        store.deleteObject(call.bucket().name(), call.key());
        return CloudResponse.status(204);
    }

    CloudResponse deleteObjects(S3Call call) {
        XmlInput xml = XmlInput.parse(receiver.small(call.request()), "Delete");
        boolean quiet = XmlInput.bool(xml.root(), "Quiet");
        List<Element> objects = XmlInput.children(xml.root(), "Object");
        if (objects.isEmpty() || objects.size() > 1000) throw S3Errors.malformedXml();
        Xml x = S3Xml.document("DeleteResult");
        for (Element o : objects) {
            String key = XmlInput.text(o, "Key");
            if (key == null) throw S3Errors.malformedXml();
            Bucket b = call.bucket();
            if (!access.allowed(call.caller(), "s3:DeleteObject", b.arn() + "/" + key, b, call.request())) {
                x.open("Error").leaf("Key", key).leaf("Code", "AccessDenied").leaf("Message", "Access Denied").close();
                continue;
            }
            store.deleteObject(b.name(), key);
            if (!quiet) x.open("Deleted").leaf("Key", key).close();
        }
        return S3Xml.ok(x);
    }

    CloudResponse copyObject(S3Call call) {
        CloudRequest req = call.request();
        String source = CloudRequest.decodePath(req.header("x-amz-copy-source").trim());
        int q = source.indexOf('?');
        if (q >= 0) source = source.substring(0, q);
        if (source.startsWith("/")) source = source.substring(1);
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                    "x-amz-copy-source", req.header("x-amz-copy-source"));
        }
        Bucket sourceBucket = store.require(source.substring(0, slash));
        String sourceKey = source.substring(slash + 1);
        access.authorize(call.caller(), "s3:GetObject", sourceBucket.arn() + "/" + sourceKey, sourceBucket, req);
        StoredObject from = sourceBucket.objects().get(sourceKey);
        if (from == null) throw S3Errors.noSuchKey(sourceKey);
        boolean replace = "REPLACE".equalsIgnoreCase(req.header("x-amz-metadata-directive"));
        boolean sameObject = sourceBucket == call.bucket() && sourceKey.equals(call.key());
        if (sameObject && !replace && req.header(SseHeaders.ALGORITHM) == null) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself "
                    + "without changing the object's metadata, storage class, website redirect location or encryption "
                    + "attributes.");
        }
        checkWritePreconditions(req, call.bucket(), call.key());
        Encryption encryption = SseHeaders.resolve(req, call.bucket(), store.kmsKeys());
        ObjectHeaders headers = replace ? ObjectHeaders.from(req) : from.headers();
        Path file = store.newDataFile();
        java.security.MessageDigest md5 = S3Store.md5();
        try (var in = new java.security.DigestInputStream(Files.newInputStream(from.file()), md5)) {
            Files.copy(in, file);
        } catch (IOException e) {
            S3Store.deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
        // A copy is a single-part object, so a multipart source's ETag becomes a plain MD5.
        String etag = S3Store.quote(java.util.HexFormat.of().formatHex(md5.digest()));
        Map<ChecksumAlgorithm, String> checksums = "FULL_OBJECT".equals(from.checksumType()) ? from.checksums() : Map.of();
        StoredObject o = store.put(call.bucket(), call.key(), file, from.size(), etag, headers, encryption, checksums,
                "FULL_OBJECT", null);
        Xml x = S3Xml.document("CopyObjectResult").leaf("ETag", o.etag()).leaf("LastModified", S3Xml.iso(o.lastModified()));
        o.checksums().forEach((alg, v) -> x.leaf(alg.element(), v));
        CloudResponse r = S3Xml.ok(x).header("x-amz-version-id", o.versionId());
        return SseHeaders.write(r, encryption);
    }
}
