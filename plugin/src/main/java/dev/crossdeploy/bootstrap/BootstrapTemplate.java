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

    /** The pipeline account's stack set administration role template, on the plugin's class path. */
    public static final String ADMINISTRATION_RESOURCE = "/dev/crossdeploy/bootstrap/stackset-administration.yaml";
    /** The administration stack's name. */
    public static final String ADMINISTRATION_STACK_NAME = "crossdeploy-stackset-administration";

    private BootstrapTemplate() {}

    /** The administration role template's text. */
    public static String administrationBody() {
        return read(ADMINISTRATION_RESOURCE);
    }

    /** The template's text. */
    public static String body() {
        return read(RESOURCE);
    }

    private static String read(String resource) {
        try (InputStream in = BootstrapTemplate.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("The plugin jar lacks " + resource);
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
        values.put("StackSetAdministratorAccountId", request.stackSetAdministrator() == null ? "" : request.stackSetAdministrator());
        return values;
    }
}
