package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a build needs from an {@code AWS::CodeBuild::Project} record: its source, service role,
 * environment variables, timeout, artifacts type and logs configuration, with CodeBuild's
 * defaults filled in.
 */
record Project(String accountId, String region, String name, String arn, String serviceRoleArn,
               String sourceType, String sourceLocation, String buildspec, Map<String, String> environmentVariables,
               String image, String computeType, String environmentType, int timeoutInMinutes,
               String artifactsType, Map<String, Object> artifacts, boolean cloudWatchLogsEnabled,
               String logGroupName, String logStreamPrefix, String encryptionKey) {

    static final String TYPE = "AWS::CodeBuild::Project";

    static Optional<Project> find(CloudState state, String accountId, String region, String nameOrArn) {
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
        return ResourceRecords.of(state).get(accountId, region, TYPE, name).map(e -> of(state, e));
    }

    static String arn(String accountId, String region, String name) {
        return "arn:aws:codebuild:" + region + ":" + accountId + ":project/" + name;
    }

    private static Project of(CloudState state, ResourceRecords.Entry e) {
        Map<String, Object> p = e.properties();
        Map<String, Object> source = map(p.get("Source"));
        Map<String, Object> env = map(p.get("Environment"));
        Map<String, String> vars = new LinkedHashMap<>();
        for (Object v : list(env.get("EnvironmentVariables"))) {
            Map<String, Object> var = map(v);
            vars.put(text(var.get("Name")), text(var.get("Value")));
        }
        Map<String, Object> logs = map(map(p.get("LogsConfig")).get("CloudWatchLogs"));
        String role = text(p.get("ServiceRole"));
        String roleArn = role == null || role.startsWith("arn:") ? role
                : state.iam().roleByName(e.accountId(), role).map(r -> r.arn())
                        .orElse("arn:aws:iam::" + e.accountId() + ":role/" + role);
        Object timeout = p.get("TimeoutInMinutes");
        String group = text(logs.get("GroupName"));
        return new Project(e.accountId(), e.region(), e.physicalId(), arn(e.accountId(), e.region(), e.physicalId()),
                roleArn, text(source.get("Type")), text(source.get("Location")), text(source.get("BuildSpec")), vars,
                text(env.get("Image")), text(env.get("ComputeType")), text(env.get("Type")),
                timeout == null ? 60 : Integer.parseInt(timeout.toString()),
                text(map(p.get("Artifacts")).get("Type")), map(p.get("Artifacts")),
                !"DISABLED".equals(text(logs.get("Status"))),
                group == null ? "/aws/codebuild/" + e.physicalId() : group,
                text(logs.get("StreamName")), text(p.get("EncryptionKey")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) { return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(); }

    private static List<?> list(Object o) { return o instanceof List<?> l ? l : List.of(); }

    private static String text(Object o) { return o == null ? null : o.toString(); }
}
