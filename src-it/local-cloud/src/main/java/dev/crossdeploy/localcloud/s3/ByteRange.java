package dev.crossdeploy.localcloud.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range from a {@code Range: bytes=...} header, resolved against an object's size.
 * Headers S3 cannot parse are ignored (the whole object is sent), as S3 does.
 */
record ByteRange(long first, long last) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() { return last - first + 1; }

    String contentRange(long size) { return "bytes " + first + "-" + last + "/" + size; }

    /** Null for no (or an unparseable) range; InvalidRange when it lies outside the object. */
    static ByteRange parse(String header, long size) {
        if (header == null) return null;
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return null;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) throw S3Errors.invalidRange(header, size);
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) return null;
            if (first >= size) throw S3Errors.invalidRange(header, size);
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
