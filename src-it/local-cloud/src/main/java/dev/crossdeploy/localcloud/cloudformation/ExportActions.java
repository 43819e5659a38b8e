package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.StackStore;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.Comparator;
import java.util.List;

/** ListExports and ListImports: the cross-stack outputs of the caller's account and region. */
final class ExportActions {
    private final StackStore store;
    private final RequestRegion region;
    private final Permissions permissions;

    ExportActions(StackStore store, RequestRegion region, Permissions permissions) {
        this.store = store;
        this.region = region;
        this.permissions = permissions;
    }

    void listExports(QueryParams p, Principal c, Xml x) {
        permissions.authorize(c, "cloudformation:ListExports", "*");
        x.open("Exports");
        store.exports(c.accountId(), region.get()).values().stream()
                .sorted(Comparator.comparing(StackStore.Export::name))
                .forEach(e -> x.open("member").leaf("ExportingStackId", e.stackId()).leaf("Name", e.name())
                        .leaf("Value", e.value()).close());
        x.close();
    }

    void listImports(QueryParams p, Principal c, Xml x) {
        permissions.authorize(c, "cloudformation:ListImports", "*");
        String export = p.required("ExportName");
        List<String> importers = store.importers(c.accountId(), region.get(), export);
        if (!store.exports(c.accountId(), region.get()).containsKey(export)) {
            throw AwsException.validation("Export '" + export + "' does not exist.");
        }
        if (importers.isEmpty()) {
            throw AwsException.validation("Export '" + export + "' is not imported by any stack.");
        }
        StackXml.strings(x, "Imports", importers);
    }
}
