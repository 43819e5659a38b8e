package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.codecommit.CodeCommitModule;
import dev.crossdeploy.localcloud.codecommit.RepositoryInfo;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Source action of provider CodeCommit: the branch's head commit of the repository, archived
 * as a zip of its tree (as CodeCommit's UploadArchive makes it) into the artifact store.
 */
final class CodeCommitSource {
    private final CloudState state;

    CodeCommitSource(CloudState state) { this.state = state; }

    void run(PipelineExecution execution, ActionRun run, PipelineRole role, ArtifactStore store, Path workDir)
            throws ActionFailure {
        PipelineDefinition p = execution.pipeline();
        PipelineDefinition.Action action = run.action();
        String repositoryName = action.configuration().get("RepositoryName");
        String branch = action.configuration().get("BranchName");
        String repoArn = "arn:aws:codecommit:" + p.region() + ":" + p.accountId() + ":" + repositoryName;
        role.require("GetBranch", "codecommit:GetBranch", repoArn, p.accountId());
        role.require("UploadArchive", "codecommit:UploadArchive", repoArn, p.accountId());
        CodeCommitModule codeCommit = state.module(CodeCommitModule.class);
        RepositoryInfo info = codeCommit.repositories().find(p.accountId(), p.region(), repositoryName).orElseThrow(() ->
                new ActionFailure("The action failed because no repository named " + repositoryName
                        + " was found in AWS CodeCommit. Make sure you are using the correct repository name, and then try again."));
        Repository git = codeCommit.repositories().git(info);
        try (RevWalk walk = new RevWalk(git)) {
            ObjectId head = git.resolve("refs/heads/" + branch);
            if (head == null) {
                throw new ActionFailure("The action failed because no branch named " + branch + " was found in the selected"
                        + " AWS CodeCommit repository " + repositoryName + ". Make sure you are using the correct branch name,"
                        + " and then try again. Error: null");
            }
            RevCommit commit = walk.parseCommit(head);
            Path zip = workDir.resolve("source-" + run.id() + ".zip");
            archive(git, commit, zip);
            for (String output : action.outputArtifacts()) execution.artifact(store.put(output, zip));
            execution.sourceRevision(new PipelineExecution.SourceRevision(action.name(), commit.getName(),
                    commit.getFullMessage().strip(), "https://" + p.region() + ".console.aws.amazon.com/codesuite/codecommit/repositories/"
                    + repositoryName + "/commit/" + commit.getName() + "?region=" + p.region()));
            run.external(commit.getName(), null, state.clock().instant());
            Files.deleteIfExists(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void archive(Repository git, RevCommit commit, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             TreeWalk tree = new TreeWalk(git)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.GITLINK) continue;
                ZipEntry entry = new ZipEntry(tree.getPathString());
                entry.setTime(commit.getCommitTime() * 1000L);
                z.putNextEntry(entry);
                git.open(tree.getObjectId(0)).copyTo(z);
                z.closeEntry();
            }
        }
    }
}
