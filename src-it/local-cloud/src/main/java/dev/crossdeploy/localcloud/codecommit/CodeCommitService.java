package dev.crossdeploy.localcloud.codecommit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.JsonProtocolService;
import dev.crossdeploy.localcloud.iam.DenialMessage;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The CodeCommit API (JSON 1.1, {@code CodeCommit_20150413.<Operation>}, signing name
 * {@code codecommit}): GetRepository, ListRepositories, CreateRepository, DeleteRepository,
 * GetBranch and ListBranches, each authorised by IAM on the repository's ARN.
 */
final class CodeCommitService extends JsonProtocolService {
    private final CloudState state;
    private final Repositories repositories;

    CodeCommitService(CloudState state, Repositories repositories) {
        super("CodeCommit_20150413");
        this.state = state;
        this.repositories = repositories;
    }

    @Override
    public String signingName() { return "codecommit"; }

    @Override
    protected JsonNode call(String operation, JsonNode input, Principal caller, CloudRequest request) {
        String account = caller.accountId();
        String region = request.region();
        return switch (operation) {
            case "GetRepository" -> {
                RepositoryInfo repo = existing(input, caller, region, "codecommit:GetRepository");
                ObjectNode out = JSON.createObjectNode();
                out.set("repositoryMetadata", metadata(repo));
                yield out;
            }
            case "ListRepositories" -> {
                authorize(caller, "codecommit:ListRepositories", "*");
                List<RepositoryInfo> all = repositories.list(account, region);
                boolean descending = "descending".equals(optional(input, "order"));
                boolean byDate = "lastModifiedDate".equals(optional(input, "sortBy"));
                List<RepositoryInfo> sorted = new java.util.ArrayList<>(all);
                if (byDate) sorted.sort(java.util.Comparator.comparing(RepositoryInfo::created));
                if (descending) java.util.Collections.reverse(sorted);
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("repositories");
                sorted.forEach(r -> list.addObject().put("repositoryName", r.name()).put("repositoryId", r.id()));
                yield out;
            }
            case "CreateRepository" -> {
                String name = repositoryName(input);
                authorize(caller, "codecommit:CreateRepository", arn(region, account, name));
                RepositoryInfo repo = repositories.create(account, region, name, optional(input, "repositoryDescription"));
                ObjectNode out = JSON.createObjectNode();
                out.set("repositoryMetadata", metadata(repo));
                yield out;
            }
            case "DeleteRepository" -> {
                String name = repositoryName(input);
                authorize(caller, "codecommit:DeleteRepository", arn(region, account, name));
                ObjectNode out = JSON.createObjectNode();
                repositories.find(account, region, name).ifPresent(r -> {
                    repositories.delete(r);
                    out.put("repositoryId", r.id());
                });
                yield out;
            }
            case "GetBranch" -> {
                RepositoryInfo repo = existing(input, caller, region, "codecommit:GetBranch");
                String branch = required(input, "branchName", "BranchNameRequiredException", "A branch name is required.");
                Ref ref = ref(repo, Constants.R_HEADS + branch);
                if (ref == null || ref.getObjectId() == null) {
                    throw new AwsException(400, "BranchDoesNotExistException", "Branch " + branch + " does not exist in repository " + repo.name());
                }
                ObjectNode out = JSON.createObjectNode();
                out.putObject("branch").put("branchName", branch).put("commitId", ref.getObjectId().name());
                yield out;
            }
            case "ListBranches" -> {
                RepositoryInfo repo = existing(input, caller, region, "codecommit:ListBranches");
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("branches");
                try {
                    for (Ref r : repositories.git(repo).getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                        list.add(r.getName().substring(Constants.R_HEADS.length()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                yield out;
            }
            default -> throw new AwsException(400, "UnknownOperationException", null);
        };
    }

    private RepositoryInfo existing(JsonNode input, Principal caller, String region, String action) {
        String name = repositoryName(input);
        authorize(caller, action, arn(region, caller.accountId(), name));
        return repositories.find(caller.accountId(), region, name)
                .orElseThrow(() -> new AwsException(400, "RepositoryDoesNotExistException", name + " does not exist"));
    }

    private static String repositoryName(JsonNode input) {
        String name = required(input, "repositoryName", "RepositoryNameRequiredException", "A repository name is required.");
        if (!name.matches("[\\w.-]{1,100}") || name.endsWith(".git")) {
            throw new AwsException(400, "InvalidRepositoryNameException",
                    "The repository name is not valid. Repository names can be any valid combination of letters, numbers, periods, underscores, and dashes between 1 and 100 characters in length. Names are case sensitive. The .git suffix is not allowed.");
        }
        return name;
    }

    private void authorize(Principal caller, String action, String resource) {
        var d = state.iam().evaluator().evaluate(caller, action, resource, caller.accountId(), null, Map.of());
        if (!d.allowed()) {
            throw new AwsException(400, "AccessDeniedException", DenialMessage.of(caller, action, resource, d));
        }
    }

    private static String arn(String region, String account, String name) {
        return "arn:aws:codecommit:" + region + ":" + account + ":" + name;
    }

    private Ref ref(RepositoryInfo repo, String name) {
        try {
            return repositories.git(repo).exactRef(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode metadata(RepositoryInfo repo) {
        ObjectNode m = JSON.createObjectNode();
        m.put("accountId", repo.accountId()).put("repositoryId", repo.id()).put("repositoryName", repo.name());
        if (repo.description() != null) m.put("repositoryDescription", repo.description());
        String defaultBranch = defaultBranch(repositories.git(repo));
        if (defaultBranch != null) m.put("defaultBranch", defaultBranch);
        double seconds = repo.created().toEpochMilli() / 1000.0;
        m.put("lastModifiedDate", seconds).put("creationDate", seconds)
                .put("cloneUrlHttp", repo.cloneUrlHttp()).put("cloneUrlSsh", repo.cloneUrlSsh()).put("Arn", repo.arn());
        return m;
    }

    /** The branch HEAD names once it exists (AWS reports no default branch before the first push). */
    private static String defaultBranch(Repository git) {
        try {
            Ref head = git.exactRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null || !head.isSymbolic()) return null;
            return head.getTarget().getName().substring(Constants.R_HEADS.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
