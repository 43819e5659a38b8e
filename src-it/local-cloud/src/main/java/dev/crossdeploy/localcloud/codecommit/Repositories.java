package dev.crossdeploy.localcloud.codecommit;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.http.AwsException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The cloud's CodeCommit repositories, per account and region: those stacks created (read from
 * the {@code AWS::CodeCommit::Repository} records, so a retained repository stays) and those
 * CreateRepository made. Each has a bare git repository under the cloud's data directory,
 * created on first use.
 */
public final class Repositories {
    static final String RESOURCE_TYPE = "AWS::CodeCommit::Repository";

    private final CloudState state;
    private final Path root;
    private final Map<String, RepositoryInfo> created = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Repository> open = new ConcurrentHashMap<>();

    Repositories(CloudState state, Path root) {
        this.state = state;
        this.root = root;
    }

    public Optional<RepositoryInfo> find(String accountId, String region, String name) {
        return list(accountId, region).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The repositories of an account and region, by name. */
    public List<RepositoryInfo> list(String accountId, String region) {
        List<RepositoryInfo> out = new ArrayList<>();
        for (ResourceRecords.Entry e : ResourceRecords.of(state).list(accountId, region, RESOURCE_TYPE)) {
            Object name = e.properties().get("RepositoryName");
            Object description = e.properties().get("RepositoryDescription");
            out.add(new RepositoryInfo(accountId, region, e.physicalId(), String.valueOf(name),
                    description == null ? null : description.toString(),
                    firstSeen.computeIfAbsent(e.physicalId(), k -> state.clock().instant())));
        }
        created.values().stream().filter(r -> r.accountId().equals(accountId) && r.region().equals(region)).forEach(out::add);
        out.sort(Comparator.comparing(RepositoryInfo::name));
        return out;
    }

    /** The regions in which an account has a repository of this name. */
    List<String> regionsWith(String accountId, String name) {
        List<String> regions = new ArrayList<>();
        ResourceRecords.of(state).all().stream()
                .filter(e -> e.type().equals(RESOURCE_TYPE) && e.accountId().equals(accountId)
                        && name.equals(e.properties().get("RepositoryName")))
                .forEach(e -> regions.add(e.region()));
        created.values().stream().filter(r -> r.accountId().equals(accountId) && r.name().equals(name))
                .forEach(r -> regions.add(r.region()));
        return regions.stream().distinct().toList();
    }

    synchronized RepositoryInfo create(String accountId, String region, String name, String description) {
        if (find(accountId, region, name).isPresent()) {
            throw new AwsException(400, "RepositoryNameExistsException", "Repository named " + name + " already exists");
        }
        RepositoryInfo info = new RepositoryInfo(accountId, region, UUID.randomUUID().toString(), name, description,
                state.clock().instant());
        created.put(info.id(), info);
        return info;
    }

    /**
     * Deletes a repository and its content. A stack's repository goes from under its stack, as
     * in AWS: the stack's later delete finds it gone.
     */
    synchronized void delete(RepositoryInfo info) {
        if (created.remove(info.id()) == null) {
            ResourceRecords records = ResourceRecords.of(state);
            records.get(info.accountId(), info.region(), RESOURCE_TYPE, info.id()).ifPresent(records::remove);
        }
        Repository git = open.remove(info.id());
        if (git != null) git.close();
        deleteTree(dir(info));
    }

    /** The repository's bare git repository, created empty on first use. */
    public Repository git(RepositoryInfo info) {
        return open.computeIfAbsent(info.id(), id -> {
            try {
                Path dir = dir(info);
                FileRepository repo = new FileRepository(dir.toFile());
                if (!Files.exists(dir.resolve("HEAD"))) repo.create(true);
                return repo;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Path dir(RepositoryInfo info) {
        return root.resolve(info.accountId()).resolve(info.region()).resolve(info.id() + ".git");
    }

    void reset() {
        open.values().forEach(Repository::close);
        open.clear();
        created.clear();
        firstSeen.clear();
        deleteTree(root);
    }

    void close() {
        open.values().forEach(Repository::close);
        open.clear();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
