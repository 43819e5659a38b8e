package dev.crossdeploy.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment-account bootstrap template shipped in the plugin jar, and the stack
 * parameter values a {@link BootstrapRequest} gives it.
 */
public final class BootstrapTemplate {
    /** Where the template lives on the plugin's class path. */
    public static final String RESOURCE = "/dev/crossdeploy/bootstrap/bootstrap.yaml";

    private BootstrapTemplate() {}

    /** The template's text. */
    public static String body() {
        try (InputStream in = BootstrapTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("The plugin jar lacks " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every parameter explicitly, so a rerun converges on what was asked this time (an
     * external id or role list left out is removed, not kept from the previous run).
     */
    public static Map<String, String> parameterValues(BootstrapRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("TrustedAccountId", request.trustAccount());
        values.put("TrustedRoleNames", String.join(",", request.trustRoles()));
        values.put("ExternalId", request.externalId() == null ? "" : request.externalId());
        values.put("ExecutionPolicyArns", String.join(",", request.executionPolicyArns()));
        values.put("CreateKmsKey", Boolean.toString(request.createKmsKey()));
        return values;
    }
}
