package dev.crossdeploy.localcloud.cloudformation.resources.devtools;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.codecommit.CodeCommitModule;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::CodeCommit::Repository as a record that the CodeCommit module serves as a git repository
 * (see {@code codecommit.Repositories}). Ref is the repository id (a UUID); GetAtt Arn,
 * CloneUrlHttp (AWS's form; {@code CodeCommitUrls.local} gives this cloud's), CloneUrlSsh and
 * Name. Renaming updates in place and keeps the content.
 */
public final class RepositoryHandler extends RecordHandler {
    static final String TYPE = "AWS::CodeCommit::Repository";

    public RepositoryHandler() {
        super(TYPE, ApiService.CODECOMMIT, Schema.of(
                optional("Code", Kind.any()),
                optional("KmsKeyId", Kind.string()),
                optional("RepositoryDescription", Kind.string().maxLength(1000)),
                required("RepositoryName", Kind.string().minLength(1).maxLength(100).pattern("^[\\w\\.-]+$")),
                optional("Tags", Common.TAGS),
                optional("Triggers", Kind.listOf(Kind.any()))),
                "Arn", "CloneUrlHttp", "CloneUrlSsh", "KmsKeyId", "Name");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) { return Names.uuid(); }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        return "arn:aws:codecommit:" + ctx.region() + ":" + ctx.accountId() + ":" + Values.string(props, "RepositoryName");
    }

    @Override protected String createAction() { return "codecommit:CreateRepository"; }
    @Override protected String updateAction() { return "codecommit:UpdateRepositoryName"; }
    @Override protected String deleteAction() { return "codecommit:DeleteRepository"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        requireFreeName(ctx, id, Values.string(props, "RepositoryName"));
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        requireFreeName(ctx, current.physicalId(), Values.string(newProps, "RepositoryName"));
        return current.internal();
    }

    private void requireFreeName(ResourceContext ctx, String id, String name) throws ResourceFailure {
        boolean taken = records(ctx).list(ctx.accountId(), ctx.region(), TYPE).stream()
                .anyMatch(r -> !r.physicalId().equals(id) && name.equals(r.properties().get("RepositoryName")));
        // CreateRepository's repositories share the names, where the cloud runs CodeCommit.
        taken |= ctx.state().modules().stream().filter(CodeCommitModule.class::isInstance).map(CodeCommitModule.class::cast)
                .anyMatch(m -> m.repositories().find(ctx.accountId(), ctx.region(), name).filter(r -> !r.id().equals(id)).isPresent());
        if (taken) throw HandlerErrors.service(ApiService.CODECOMMIT, 400, "AlreadyExists", "Repository named " + name + " already exists");
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        String name = Values.string(props, "RepositoryName");
        String host = "git-codecommit." + ctx.region() + ".amazonaws.com/v1/repos/" + name;
        return Map.of("Arn", arn(ctx, id, props), "Name", name,
                "CloneUrlHttp", "https://" + host, "CloneUrlSsh", "ssh://" + host,
                "KmsKeyId", Values.string(props, "KmsKeyId", "alias/aws/codecommit"));
    }
}
