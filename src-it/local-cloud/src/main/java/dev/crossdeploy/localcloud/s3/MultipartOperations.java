package dev.crossdeploy.localcloud.s3;

import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.xml.Xml;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multipart uploads: create, upload parts, complete (checking part order, ETags, sizes and
 * checksums, joining the parts), abort, and the two listings.
 */
final class MultipartOperations {
    private static final int MAX_PART_NUMBER = 10_000;

    private final S3Store store;
    private final PayloadReceiver receiver;

    MultipartOperations(S3Store store, PayloadReceiver receiver) {
        this.store = store;
        this.receiver = receiver;
    }

    CloudResponse create(S3Call call) {
        CloudRequest req = call.request();
        Encryption encryption = SseHeaders.resolve(req, call.bucket(), store.kmsKeys());
        String algorithmName = req.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = null;
        if (algorithmName != null) {
            algorithm = ChecksumAlgorithm.named(algorithmName).orElseThrow(() -> S3Errors.invalidRequest(
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid types: "
                            + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
        }
        MultipartUpload u = store.createUpload(call.bucket(), call.key(), call.caller(), ObjectHeaders.from(req),
                encryption, algorithm);
        Xml x = S3Xml.document("InitiateMultipartUploadResult").leaf("Bucket", call.bucket().name())
                .leaf("Key", call.key()).leaf("UploadId", u.uploadId());
        CloudResponse r = S3Xml.ok(x);
        if (algorithm != null) r.header("x-amz-checksum-algorithm", algorithm.name()).header("x-amz-checksum-type", "COMPOSITE");
        return SseHeaders.write(r, encryption);
    }

    CloudResponse uploadPart(S3Call call) {
        CloudRequest req = call.request();
        int number = partNumber(req.queryParam("partNumber"));
        MultipartUpload u = store.upload(call.bucket(), call.key(), req.queryParam("uploadId"));
        Path file = store.newPartFile(u);
        PayloadReceiver.Received in = receiver.receive(req, file, u.checksumAlgorithm());
        if (u.checksumAlgorithm() != null && in.algorithm() != u.checksumAlgorithm()) {
            S3Store.deleteQuietly(file);
            throw S3Errors.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: "
                    + u.checksumAlgorithm().name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + in.algorithm().name().toLowerCase(Locale.ROOT));
        }
        store.putPart(u, new MultipartUpload.Part(number, file, in.size(), in.etag(), in.md5(), store.now(),
                in.checksums()));
        CloudResponse r = CloudResponse.status(200).header("ETag", in.etag());
        in.checksums().forEach((alg, v) -> r.header(alg.header(), v));
        return SseHeaders.write(r, u.encryption());
    }

    CloudResponse complete(S3Call call) {
        CloudRequest req = call.request();
        MultipartUpload u = store.upload(call.bucket(), call.key(), req.queryParam("uploadId"));
        XmlInput xml = XmlInput.parse(receiver.small(req), "CompleteMultipartUpload");
        List<Element> requested = XmlInput.children(xml.root(), "Part");
        if (requested.isEmpty()) throw S3Errors.malformedXml();

        List<MultipartUpload.Part> parts = new ArrayList<>();
        int previous = 0;
        for (Element p : requested) {
            int number;
            try {
                number = Integer.parseInt(String.valueOf(XmlInput.text(p, "PartNumber")));
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml();
            }
            String etag = XmlInput.text(p, "ETag");
            if (number <= previous) throw S3Errors.invalidPartOrder();
            previous = number;
            MultipartUpload.Part stored = u.parts().get(number);
            if (stored == null || etag == null || !ObjectOperations.unquote(etag).equals(ObjectOperations.unquote(stored.etag()))) {
                throw S3Errors.invalidPart(number, etag);
            }
            checkPartChecksums(u, p, stored);
            parts.add(stored);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < S3Store.MIN_PART_SIZE) throw S3Errors.entityTooSmall(parts.get(i).size());
        }
        ObjectOperations.checkWritePreconditions(req, call.bucket(), call.key());

        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        parts.forEach(p -> md5s.writeBytes(p.md5()));
        String etag = S3Store.quote(HexFormat.of().formatHex(S3Store.md5().digest(md5s.toByteArray())) + "-" + parts.size());
        Map<ChecksumAlgorithm, String> checksums = Map.of();
        if (u.checksumAlgorithm() != null) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            parts.forEach(p -> joined.writeBytes(Base64.getDecoder().decode(p.checksums().get(u.checksumAlgorithm()))));
            checksums = Map.of(u.checksumAlgorithm(), Base64.getEncoder().encodeToString(
                    u.checksumAlgorithm().of(joined.toByteArray())) + "-" + parts.size());
        }
        StoredObject o = store.completeUpload(call.bucket(), u, parts, etag, checksums, "COMPOSITE");
        String host = req.header("Host");
        Xml x = S3Xml.document("CompleteMultipartUploadResult")
                .leaf("Location", "http://" + host + "/" + call.bucket().name() + "/" + call.key())
                .leaf("Bucket", call.bucket().name()).leaf("Key", call.key()).leaf("ETag", o.etag());
        o.checksums().forEach((alg, v) -> x.leaf(alg.element(), v));
        if (o.checksumType() != null) x.leaf("ChecksumType", o.checksumType());
        CloudResponse r = S3Xml.ok(x).header("x-amz-version-id", o.versionId());
        return SseHeaders.write(r, o.encryption());
    }

    /** A checksum named for a part in the complete request must be the part's; uploads with an algorithm require it. */
    private static void checkPartChecksums(MultipartUpload u, Element requested, MultipartUpload.Part stored) {
        for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
            String given = XmlInput.text(requested, alg.element());
            if (given == null) continue;
            String actual = stored.checksums().get(alg);
            if (actual == null || !actual.equals(given)) throw S3Errors.invalidPart(stored.number(), XmlInput.text(requested, "ETag"));
        }
        if (u.checksumAlgorithm() != null && XmlInput.text(requested, u.checksumAlgorithm().element()) == null) {
            throw S3Errors.invalidRequest("The upload was created using a " + u.checksumAlgorithm().name().toLowerCase(Locale.ROOT)
                    + " checksum. The complete request must include the checksum for each part. It was missing for part "
                    + stored.number() + " in the request.");
        }
    }

    CloudResponse abort(S3Call call) {
        MultipartUpload u = store.upload(call.bucket(), call.key(), call.request().queryParam("uploadId"));
        store.abortUpload(call.bucket(), u);
        return CloudResponse.status(204);
    }

    CloudResponse listParts(S3Call call) {
        CloudRequest req = call.request();
        MultipartUpload u = store.upload(call.bucket(), call.key(), req.queryParam("uploadId"));
        int max = boundedInt(req.queryParam("max-parts"), 1000, "max-parts");
        int marker = boundedInt(req.queryParam("part-number-marker"), 0, "part-number-marker");
        List<MultipartUpload.Part> all = new ArrayList<>(u.parts().tailMap(marker, false).values());
        boolean truncated = all.size() > max;
        List<MultipartUpload.Part> page = truncated ? all.subList(0, max) : all;
        Xml x = S3Xml.document("ListPartsResult").leaf("Bucket", call.bucket().name()).leaf("Key", u.key())
                .leaf("UploadId", u.uploadId()).leaf("PartNumberMarker", marker)
                .leaf("NextPartNumberMarker", page.isEmpty() ? marker : page.get(page.size() - 1).number())
                .leaf("MaxParts", max).leaf("IsTruncated", truncated);
        for (MultipartUpload.Part p : page) {
            x.open("Part").leaf("PartNumber", p.number()).leaf("LastModified", S3Xml.iso(p.lastModified()))
                    .leaf("ETag", p.etag()).leaf("Size", p.size());
            p.checksums().forEach((alg, v) -> x.leaf(alg.element(), v));
            x.close();
        }
        initiatorAndOwner(x, u, call.bucket());
        x.leaf("StorageClass", "STANDARD");
        if (u.checksumAlgorithm() != null) x.leaf("ChecksumAlgorithm", u.checksumAlgorithm().name()).leaf("ChecksumType", "COMPOSITE");
        return S3Xml.ok(x);
    }

    CloudResponse listUploads(S3Call call) {
        CloudRequest req = call.request();
        String prefix = req.queryParam("prefix") == null ? "" : req.queryParam("prefix");
        int max = boundedInt(req.queryParam("max-uploads"), 1000, "max-uploads");
        List<MultipartUpload> all = store.uploads(call.bucket()).stream().filter(u -> u.key().startsWith(prefix)).toList();
        boolean truncated = all.size() > max;
        List<MultipartUpload> page = truncated ? all.subList(0, max) : all;
        Xml x = S3Xml.document("ListMultipartUploadsResult").leaf("Bucket", call.bucket().name())
                .leaf("KeyMarker", "").leaf("UploadIdMarker", "")
                .leaf("NextKeyMarker", truncated ? page.get(page.size() - 1).key() : null)
                .leaf("NextUploadIdMarker", truncated ? page.get(page.size() - 1).uploadId() : null)
                .leaf("Prefix", prefix).leaf("MaxUploads", max).leaf("IsTruncated", truncated);
        for (MultipartUpload u : page) {
            x.open("Upload").leaf("Key", u.key()).leaf("UploadId", u.uploadId());
            initiatorAndOwner(x, u, call.bucket());
            x.leaf("StorageClass", "STANDARD").leaf("Initiated", S3Xml.iso(u.initiated()));
            if (u.checksumAlgorithm() != null) x.leaf("ChecksumAlgorithm", u.checksumAlgorithm().name());
            x.close();
        }
        return S3Xml.ok(x);
    }

    private static void initiatorAndOwner(Xml x, MultipartUpload u, Bucket bucket) {
        x.open("Initiator").leaf("ID", u.initiator().isAnonymous() ? "anonymous" : u.initiator().arn())
                .leaf("DisplayName", u.initiator().isAnonymous() ? "anonymous" : u.initiator().userId()).close();
        S3Xml.owner(x, "Owner", bucket.ownerAccount());
    }

    private static int partNumber(String v) {
        try {
            int n = Integer.parseInt(String.valueOf(v).trim());
            if (n >= 1 && n <= MAX_PART_NUMBER) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", v);
    }

    /** A non-negative integer query parameter; "max-*" ones are capped at 1000 as S3 does. */
    private static int boundedInt(String v, int fallback, String name) {
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) throw new NumberFormatException();
            return name.startsWith("max-") ? Math.min(n, 1000) : n;
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided " + name + " not an integer or within integer range", name, v);
        }
    }
}
