package dev.crossdeploy.localcloud.s3;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's XML body (CreateBucketConfiguration, CompleteMultipartUpload, ...) read safely: no
 * DTDs or external entities, and anything that is not well-formed becomes S3's MalformedXML.
 * Elements are found by local name, so namespaced and plain documents read alike.
 */
final class XmlInput {
    private final Element root;

    private XmlInput(Element root) { this.root = root; }

    /** Parses {@code body}; MalformedXML when it is not XML or its root is not {@code rootName}. */
    static XmlInput parse(byte[] body, String rootName) {
        if (body == null || body.length == 0) throw S3Errors.malformedXml();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new ByteArrayInputStream(body));
            Element root = doc.getDocumentElement();
            if (!rootName.equals(localName(root))) throw S3Errors.malformedXml();
            return new XmlInput(root);
        } catch (S3Exception e) {
            throw e;
        } catch (Exception e) {
            throw S3Errors.malformedXml();
        }
    }

    Element root() { return root; }

    /** Text of the first child element named {@code name} of the root, or null. */
    String text(String name) { return text(root, name); }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) return e;
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) out.add(e);
        }
        return out;
    }

    /** A boolean element; MalformedXML when present but neither true nor false. */
    static boolean bool(Element parent, String name) {
        String v = text(parent, name);
        if (v == null) return false;
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw S3Errors.malformedXml();
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
