package dev.crossdeploy.localcloud.codecommit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.events.EventsModule;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a push changes, told to EventBridge as CodeCommit does: one "CodeCommit Repository State
 * Change" event per created, updated or deleted branch or tag, on the repository account's
 * default event bus. The first branch pushed to an empty repository becomes its default branch.
 */
final class PushEvents {
    private static final Logger LOG = Logger.getLogger(PushEvents.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;

    PushEvents(CloudState state) { this.state = state; }

    void pushed(RepositoryInfo repo, Repository git, Collection<ReceiveCommand> commands, Principal caller) {
        for (ReceiveCommand c : commands) {
            if (c.getResult() != ReceiveCommand.Result.OK) continue;
            String full = c.getRefName();
            String type;
            String name;
            if (full.startsWith(Constants.R_HEADS)) {
                type = "branch";
                name = full.substring(Constants.R_HEADS.length());
            } else if (full.startsWith(Constants.R_TAGS)) {
                type = "tag";
                name = full.substring(Constants.R_TAGS.length());
            } else {
                continue;
            }
            if (type.equals("branch") && c.getType() == ReceiveCommand.Type.CREATE) makeDefaultIfFirst(git, full);
            ObjectNode detail = JSON.createObjectNode();
            detail.put("callerUserArn", caller.arn());
            switch (c.getType()) {
                case CREATE -> detail.put("commitId", c.getNewId().name()).put("event", "referenceCreated");
                case DELETE -> detail.put("event", "referenceDeleted").put("oldCommitId", c.getOldId().name());
                default -> detail.put("commitId", c.getNewId().name()).put("event", "referenceUpdated")
                        .put("oldCommitId", c.getOldId().name());
            }
            detail.put("referenceFullName", full).put("referenceName", name).put("referenceType", type)
                    .put("repositoryId", repo.id()).put("repositoryName", repo.name());
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "0").put("id", UUID.randomUUID().toString())
                    .put("detail-type", "CodeCommit Repository State Change").put("source", "aws.codecommit")
                    .put("account", repo.accountId())
                    .put("time", state.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("region", repo.region());
            event.putArray("resources").add(repo.arn());
            event.set("detail", detail);
            publish(repo, event);
        }
    }

    private void publish(RepositoryInfo repo, ObjectNode event) {
        EventsModule bus;
        try {
            bus = state.module(EventsModule.class);
        } catch (IllegalStateException e) {
            LOG.log(Level.INFO, "No EventBridge in this cloud; the push event of {0} goes nowhere", repo.name());
            return;
        }
        bus.publish(repo.accountId(), repo.region(), event);
    }

    private static void makeDefaultIfFirst(Repository git, String branch) {
        try {
            Ref head = git.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) return;
            RefUpdate u = git.updateRef(Constants.HEAD);
            u.disableRefLog();
            u.link(branch);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not set the default branch of " + git.getDirectory(), e);
        }
    }
}
