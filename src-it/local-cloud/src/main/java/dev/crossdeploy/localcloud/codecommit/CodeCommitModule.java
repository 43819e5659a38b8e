package dev.crossdeploy.localcloud.codecommit;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.util.List;
import java.util.Optional;

/**
 * CodeCommit: repositories as bare git repositories under the data directory, served to git over
 * smart HTTP at {@code /v1/repos/{name}} on the cloud's port (see {@link CodeCommitUrls}), with
 * pushes told to EventBridge, and the CodeCommit API.
 */
public final class CodeCommitModule implements CloudModule {
    private final Repositories repositories;
    private final CodeCommitService api;
    private final GitHttpHandler git;

    public CodeCommitModule(CloudState state) {
        this.repositories = new Repositories(state, state.dataDir().resolve("codecommit"));
        this.api = new CodeCommitService(state, repositories);
        this.git = new GitHttpHandler(state, repositories, new PushEvents(state));
    }

    public Repositories repositories() { return repositories; }

    @Override
    public List<AwsService> apis() { return List.of(api); }

    @Override
    public Optional<CloudResponse> serve(CloudRequest request) { return git.serve(request); }

    @Override
    public void reset() { repositories.reset(); }

    @Override
    public void close() { repositories.close(); }
}
