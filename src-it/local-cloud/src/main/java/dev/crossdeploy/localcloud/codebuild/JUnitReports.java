package dev.crossdeploy.localcloud.codebuild;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.List;

/** Counts the test cases of JUnit XML reports (surefire, failsafe, ...) as CodeBuild's report shows them. */
final class JUnitReports {
    private JUnitReports() {}

    record Counts(int total, int failed, int skipped) {
        int passed() { return total - failed - skipped; }
        Counts plus(Counts o) { return new Counts(total + o.total, failed + o.failed, skipped + o.skipped); }
    }

    static Counts count(List<Path> files) throws Exception {
        Counts sum = new Counts(0, 0, 0);
        for (Path f : files) sum = sum.plus(count(f));
        return sum;
    }

    private static Counts count(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        Document doc = b.parse(file.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        int failed = 0;
        int skipped = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0) {
                failed++;
            } else if (c.getElementsByTagName("skipped").getLength() > 0) {
                skipped++;
            }
        }
        return new Counts(cases.getLength(), failed, skipped);
    }
}
