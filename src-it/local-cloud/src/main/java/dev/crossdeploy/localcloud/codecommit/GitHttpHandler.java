package dev.crossdeploy.localcloud.codecommit;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.Decision;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * git's smart HTTP protocol (v0) for CodeCommit repositories, on the cloud's port:
 * {@code GET /v1/repos/{name}/info/refs?service=git-upload-pack|git-receive-pack} and the
 * {@code POST /v1/repos/{name}/git-upload-pack|git-receive-pack} exchanges, served by JGit's
 * {@link UploadPack} and {@link ReceivePack}. Requests need the credential helper's credentials
 * (401 with {@code WWW-Authenticate: Basic} without them); IAM then decides
 * {@code codecommit:GitPull} or {@code codecommit:GitPush} on the repository (403 when refused).
 */
final class GitHttpHandler {
    private static final Pattern PATH = Pattern.compile("(/v1/repos/([\\w.-]+))/(info/refs|git-upload-pack|git-receive-pack)");
    private static final String UPLOAD = "git-upload-pack";
    private static final String RECEIVE = "git-receive-pack";

    private final CloudState state;
    private final Repositories repositories;
    private final GitCredentials credentials;
    private final PushEvents events;

    GitHttpHandler(CloudState state, Repositories repositories, PushEvents events) {
        this.state = state;
        this.repositories = repositories;
        this.credentials = new GitCredentials(state);
        this.events = events;
    }

    Optional<CloudResponse> serve(CloudRequest request) {
        if (!request.rawPath().startsWith("/v1/repos/") || forAnotherService(request)) return Optional.empty();
        Matcher m = PATH.matcher(request.rawPath());
        if (!m.matches()) return Optional.of(text(404, "Not Found"));
        String repoPath = m.group(1);
        String name = m.group(2);
        String service = switch (m.group(3)) {
            case "info/refs" -> request.queryParam("service");
            default -> m.group(3);
        };
        boolean advertise = m.group(3).equals("info/refs");
        if (!UPLOAD.equals(service) && !RECEIVE.equals(service)) {
            return Optional.of(text(403, "Only git's smart HTTP protocol is served."));
        }
        if (advertise != "GET".equals(request.method()) || !advertise && !"POST".equals(request.method())) {
            return Optional.of(text(405, "Method Not Allowed"));
        }

        Optional<String[]> basic = GitCredentials.basic(request.header("Authorization"));
        if (basic.isEmpty()) return Optional.of(unauthorized());
        String user = basic.get()[0];
        var key = credentials.key(user);
        if (key.isEmpty()) return Optional.of(text(403, "The credentials are not valid."));
        String account = key.get().principal().accountId();
        String host = request.hostName();
        String hostRegion = CodeCommitUrls.regionOfHost(host);
        List<String> regions = new ArrayList<>();
        if (hostRegion != null) {
            regions.add(hostRegion);
        } else {
            regions.addAll(repositories.regionsWith(account, name));
            if (!regions.contains(state.region())) regions.add(state.region());
        }
        var verified = credentials.verify(user, basic.get()[1], host, repoPath, regions);
        if (verified.isEmpty()) return Optional.of(text(403, "The credentials are not valid for this repository."));
        String region = verified.get().region();
        Optional<RepositoryInfo> repo = repositories.find(account, region, name);
        if (repo.isEmpty()) return Optional.of(text(404, "Repository " + name + " does not exist"));

        String action = RECEIVE.equals(service) ? "codecommit:GitPush" : "codecommit:GitPull";
        var caller = verified.get().principal();
        Decision d = state.iam().evaluator().evaluate(caller, action, repo.get().arn(), account, null, Map.of());
        if (!d.allowed()) {
            return Optional.of(text(403, "User: " + caller.arn() + " is not authorized to perform: " + action
                    + " on resource: " + repo.get().arn()));
        }
        try {
            return Optional.of(advertise ? advertise(repo.get(), service) : exchange(request, repo.get(), service, caller));
        } catch (IOException e) {
            return Optional.of(text(500, "The git request failed: " + e.getMessage()));
        }
    }

    /** SigV4-signed requests and S3's virtual hosts are never git's, whatever their path. */
    private static boolean forAnotherService(CloudRequest request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.startsWith("AWS4-")) return true;
        if (request.hasQueryParam("X-Amz-Signature")) return true;
        String host = request.hostName();
        return host.startsWith("s3.") || host.contains(".s3.") || host.contains(".s3-");
    }

    private CloudResponse advertise(RepositoryInfo repo, String service) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(buf);
        out.writeString("# service=" + service + "\n");
        out.end();
        Repository git = repositories.git(repo);
        RefAdvertiser.PacketLineOutRefAdvertiser adv = new RefAdvertiser.PacketLineOutRefAdvertiser(out);
        if (UPLOAD.equals(service)) {
            UploadPack up = new UploadPack(git);
            up.setBiDirectionalPipe(false);
            up.sendAdvertisedRefs(adv);
        } else {
            ReceivePack rp = new ReceivePack(git);
            rp.setBiDirectionalPipe(false);
            rp.sendAdvertisedRefs(adv);
        }
        return CloudResponse.ok().header("Content-Type", "application/x-" + service + "-advertisement")
                .header("Cache-Control", "no-cache").body(buf.toByteArray());
    }

    private CloudResponse exchange(CloudRequest request, RepositoryInfo repo, String service,
                                   dev.crossdeploy.localcloud.auth.Principal caller) throws IOException {
        InputStream in = request.body();
        if ("gzip".equalsIgnoreCase(request.header("Content-Encoding"))) in = new GZIPInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Repository git = repositories.git(repo);
        if (UPLOAD.equals(service)) {
            UploadPack up = new UploadPack(git);
            up.setBiDirectionalPipe(false);
            up.upload(in, out, null);
        } else {
            // One push at a time per repository keeps each event's old and new commit exact.
            synchronized (git) {
                ReceivePack rp = new ReceivePack(git);
                rp.setBiDirectionalPipe(false);
                rp.setPostReceiveHook((pack, commands) -> events.pushed(repo, git, commands, caller));
                rp.receive(in, out, null);
            }
        }
        return CloudResponse.ok().header("Content-Type", "application/x-" + service + "-result")
                .header("Cache-Control", "no-cache").body(out.toByteArray());
    }

    private static CloudResponse unauthorized() {
        return text(401, "Authentication required").header("WWW-Authenticate", "Basic realm=\"CodeCommit\"");
    }

    private static CloudResponse text(int status, String message) {
        return CloudResponse.status(status).header("Content-Type", "text/plain; charset=utf-8").body(message + "\n");
    }
}
