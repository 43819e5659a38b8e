package dev.crossdeploy.localcloud.cloudformation.template;

/** What intrinsic functions look up: names, attributes, exports and conditions. */
public interface Resolver {
    /** Ref of a parameter, pseudo parameter or resource. */
    Object ref(String name);

    Object getAtt(String resource, String attribute);

    String importValue(String exportName);

    boolean condition(String name);

    /** Availability zones of a region ("" = the stack's). */
    java.util.List<String> azs(String region);
}
