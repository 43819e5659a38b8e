package dev.crossdeploy.it.catalogue;

import dev.crossdeploy.it.BuildLog;
import dev.crossdeploy.it.ItCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The catalogue of bad inputs a platform team tries before trusting a deploy tool: typos in
 * flags, sizes and durations, stages and accounts that do not exist, broken templates and
 * artifacts, credentials AWS refuses and endpoints that cannot be reached. Each is a real Maven
 * build of a fresh project through the plugin's goals against the local cloud, and each must end
 * with a non-zero exit, exactly one {@code [ERROR]} line from the plugin that names what is wrong
 * and the next step (no SDK class name, no {@code null}, no stack trace), and nothing written in
 * any account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueIT {
    /** Maven's own closing lines after any failed build; everything else marked [ERROR] is the plugin's. */
    private static final List<String> MAVEN_FOOTER = List.of("To see the full stack trace", "Re-run Maven using",
            "For more information about the errors", "[ERROR] [Help 1]");
    private static final String QA_ROLE = "arn:aws:iam::333333333333:role/crossdeploy-deploy";

    private final String port = System.getProperty("localcloud.port");
    private final Path root = Path.of("target", "catalogue").toAbsolutePath();
    private EmbeddedMaven maven;
    private BrokenEndpoints broken;
    private int ran;
    private long startNanos;
    private long startCpuNanos;

    @BeforeAll
    void start() throws Exception {
        assertThat(port).as("localcloud.port (set by the build)").isNotBlank();
        ItCloud.prepare(port);
        var repository = PrivateRepository.withPluginOfThisBuild(root, System.getProperty("crossdeploy.version"));
        maven = EmbeddedMaven.fromMavenHome(repository.settings(), repository.root());
        broken = new BrokenEndpoints();
        startNanos = System.nanoTime();
        startCpuNanos = processCpuNanos();
    }

    @AfterAll
    void stop() throws Exception {
        if (broken != null) broken.close();
        // A figure for BENCHMARKS.md, not an assertion: wall time depends on the machine's load.
        if (ran > 0) System.out.printf("BadInputCatalogueIT: %d builds in %.1f s (this JVM's CPU: %.1f s)%n", ran,
                (System.nanoTime() - startNanos) / 1e9, (processCpuNanos() - startCpuNanos) / 1e9);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedInOneLineBeforeAnyWrite() {
        return cases().stream().map(c -> dynamicTest(c.name, () -> check(c)));
    }

    private List<Case> cases() {
        List<Case> all = new ArrayList<>();
        // Flags, durations, sizes: only what the documentation allows.
        all.add(deploy("dry-run-yes", "crossdeploy.dryRun 'yes' is not a boolean; use true or false.")
                .args("-Dcrossdeploy.dryRun=yes"));
        all.add(deploy("protected-maybe", "Stage 'qa': protected 'maybe' is not a boolean; use true or false.")
                .project(p -> p.stages(CaseProject.stage("qa", "333333333333", "<protected>maybe</protected>"))));
        all.add(deploy("skip-maybe", "crossdeploy.skip 'maybe' is not a boolean; use true or false.")
                .args("-Dcrossdeploy.skip=maybe"));
        all.add(deploy("path-style-1", "crossdeploy.pathStyleAccess '1' is not a boolean; use true or false.")
                .args("-Dcrossdeploy.pathStyleAccess=1"));
        all.add(deploy("timeout-without-iso-form", "crossdeploy.timeout '30m' is not an ISO-8601 duration from PT1S to PT24H")
                .args("-Dcrossdeploy.timeout=30m"));
        all.add(deploy("timeout-too-long", "crossdeploy.timeout 'PT48H' is not an ISO-8601 duration from PT1S to PT24H")
                .args("-Dcrossdeploy.timeout=PT48H"));
        all.add(upload("part-size-abc", "crossdeploy.partSize 'abc' is not a whole number; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.")
                .args("-Dcrossdeploy.partSize=abc"));
        all.add(upload("part-size-too-big", "crossdeploy.partSize 99999999999999 is out of bounds; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.")
                .args("-Dcrossdeploy.partSize=99999999999999"));
        all.add(upload("part-size-too-small", "crossdeploy.partSize 1024 is out of bounds; use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes.")
                .args("-Dcrossdeploy.partSize=1024"));
        all.add(upload("upload-threads-0", "crossdeploy.uploadThreads 0 is out of bounds; use 1 to 64 threads.")
                .args("-Dcrossdeploy.uploadThreads=0"));
        all.add(upload("upload-threads-many", "crossdeploy.uploadThreads 'many' is not a whole number; use 1 to 64 threads.")
                .args("-Dcrossdeploy.uploadThreads=many"));
        all.add(upload("multipart-threshold-negative", "crossdeploy.multipartThreshold -1 is out of bounds; use 1 to 5368709120 (5 GiB) bytes.")
                .args("-Dcrossdeploy.multipartThreshold=-1"));
        all.add(deploy("aws-call-timeout-bad", "crossdeploy.awsCallTimeout '5s' is not an ISO-8601 duration; use one from PT1S to PT15M, such as PT30S or PT2M.")
                .args("-Dcrossdeploy.awsCallTimeout=5s"));
        all.add(deploy("stack-name-invalid", "Stack name '1-greeting' is not valid for CloudFormation")
                .args("-Dcrossdeploy.stackName=1-greeting"));

        // Stages and accounts.
        all.add(deploy("unknown-stage", "Unknown stage 'qaa'; known stages: prod, qa, sandbox, staging.").args("-Dstage=qaa"));
        all.add(deploy("empty-stage", "No stage given; run with -Dstage=<name>, one of: prod, qa, sandbox, staging.").args("-Dstage="));
        all.add(deploy("no-stage", "No stage given; run with -Dstage=<name>, one of: prod, qa, sandbox, staging.").noStage());
        all.add(deploy("region-us-east-99", "Stage 'qa': region 'us-east-99' is not an AWS region;")
                .project(p -> p.stages(qaWith("us-east-99", ""))));
        all.add(deploy("account-id-11-digits", "Stage 'qa': accountId '33333333333' is not a 12-digit AWS account id;")
                .project(p -> p.stages(CaseProject.stage("qa", "33333333333", ""))));
        all.add(deploy("account-id-letters", "Stage 'qa': accountId '33333333333O' is not a 12-digit AWS account id;")
                .project(p -> p.stages(CaseProject.stage("qa", "33333333333O", ""))));
        all.add(deploy("deploy-role-of-another-account", "Stage 'qa': deployRoleArn arn:aws:iam::222222222222:role/crossdeploy-deploy"
                + " is a role of account 222222222222, not of the stage's account 333333333333;")
                .project(p -> p.stages(qaWith("us-east-1", "<deployRoleArn>arn:aws:iam::222222222222:role/crossdeploy-deploy</deployRoleArn>"))));
        all.add(deploy("deploy-role-not-an-arn", "Stage 'qa': deployRoleArn 'crossdeploy-deploy' is not an IAM role ARN;")
                .project(p -> p.stages(qaWith("us-east-1", "<deployRoleArn>crossdeploy-deploy</deployRoleArn>"))));
        all.add(deploy("execution-role-not-an-arn", "Stage 'qa': executionRoleArn 'arn:aws:iam::333333333333:user/cfn' is not an IAM role ARN;")
                .project(p -> p.stages(qaWith("us-east-1", "<executionRoleArn>arn:aws:iam::333333333333:user/cfn</executionRoleArn>"))));
        all.add(deploy("bucket-name-invalid", "Stage 'qa': artifactBucket 'My_Artifacts' is not a valid S3 bucket name;")
                .project(p -> p.stages(qaWith("us-east-1", "<artifactBucket>My_Artifacts</artifactBucket>"))));
        all.add(deploy("capability-unknown", "Stage 'qa': capability 'CAPABILITY_ALL' is unknown;")
                .project(p -> p.stages(qaWith("us-east-1", "<capabilities><capability>CAPABILITY_ALL</capability></capabilities>"))));
        all.add(deploy("require-verified-in-unknown", "Stage 'qa': requireVerifiedIn names unknown stage 'stagin'")
                .project(p -> p.stages(qaWith("us-east-1", "<requireVerifiedIn>stagin</requireVerifiedIn>"))));
        all.add(deploy("kms-key-id-malformed", "Stage 'qa': kmsKeyId 'my key' is not a KMS key id, key ARN, alias name or alias ARN; use e.g. alias/")
                .project(p -> p.stages(qaWith("us-east-1", "<kmsKeyId>my key</kmsKeyId>"))));
        all.add(deploy("kms-key-of-another-region", "Stage 'qa': kmsKeyId arn:aws:kms:eu-west-1:333333333333:alias/artifacts"
                + " is a key of region eu-west-1, but the stage's artifact bucket is in us-east-1; use a key or alias of us-east-1.")
                .project(p -> p.stages(qaWith("us-east-1", "<kmsKeyId>arn:aws:kms:eu-west-1:333333333333:alias/artifacts</kmsKeyId>"))));
        all.add(upload("kms-key-id-does-not-exist", "Stage 'qa': kmsKeyId 'alias/no-such-key' does not exist in account 333333333333"
                + " (us-east-1); create the key (or alias), or fix the stage's kmsKeyId. Nothing was written.")
                .project(p -> p.stages(qaWith("us-east-1", "<kmsKeyId>alias/no-such-key</kmsKeyId>"))));
        all.add(deploy("account-id-missing", "Stage 'qa': accountId is missing; set it to the 12-digit id of the account")
                .project(p -> p.stages("<stage><name>qa</name><region>us-east-1</region></stage>")));
        all.add(deploy("region-missing", "Stage 'qa': region is missing; set it to the region the stage deploys to")
                .project(p -> p.stages("<stage><name>qa</name><accountId>333333333333</accountId></stage>")));
        all.add(deploy("stage-defined-twice", "Stage name 'qa' is defined twice in")
                .project(p -> p.stages(CaseProject.QA, CaseProject.QA)));
        all.add(deploy("stage-without-name", "has no name; give every stage a name (the value of -Dstage).")
                .project(p -> p.stages("<stage><accountId>333333333333</accountId><region>us-east-1</region></stage>", CaseProject.QA)));
        all.add(deploy("no-stages-configured", "No stages are configured; add <stages><stage>...</stage></stages>")
                .project(p -> p.stages()));
        all.add(deploy("stages-file-missing", "nope-stages.yaml does not exist or is not a file; fix crossdeploy.stagesFile or create the file.").args("-Dcrossdeploy.stagesFile=nope-stages.yaml"));
        all.add(deploy("stages-file-malformed", "crossdeploy-stages.yaml at line 4, column 1: while parsing a flow sequence")
                .project(p -> p.file("crossdeploy-stages.yaml", "stages:\n  - name: extra\n    accountId: [\"666666666666\"\n")));
        all.add(deploy("stages-file-unknown-field", "at line 3, column 15: Unrecognized field \"acountId\"; fix the YAML there.")
                .project(p -> p.file("crossdeploy-stages.yaml", "stages:\n  - name: extra\n    acountId: \"666666666666\"\n    region: us-east-1\n")));

        // Templates: what CloudFormation would refuse, refused before the first write.
        all.add(deploy("allow-replace-typo", "crossdeploy.allowReplace names Greting, which is not a resource of template template.yaml")
                .args("-Dcrossdeploy.allowReplace=Greting"));
        all.add(deploy("template-missing", "nope.yaml (set crossdeploy.template or create it)").args("-Dcrossdeploy.template=nope.yaml"));
        all.add(deploy("template-malformed-yaml", "is not valid YAML at line 5, column 1:")
                .project(p -> p.template("Resources:\n  Greeting:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String,\n")));
        all.add(deploy("template-over-1-mb", "over CloudFormation's limit of 1048576 bytes (1 MB)").project(p -> p.template(CaseProject.GREETING
                + "Metadata:\n  Padding: " + "x".repeat(1_100_000) + "\n")));
        all.add(deploy("unknown-resource-type", "Unrecognized resource types: [AWS::SSM::Parametr]; fix the Type of AWS::SSM::Parametr in the template")
                .project(p -> p.template(CaseProject.GREETING.replace("AWS::SSM::Parameter", "AWS::SSM::Parametr"))));
        all.add(deploy("unresolved-ref", "Unresolved resource dependencies [Greetin] in the Outputs block of the template; declare Greetin in the template's Resources or Parameters")
                .project(p -> p.template(CaseProject.GREETING + "Outputs:\n  Name:\n    Value: !Ref Greetin\n")));
        all.add(deploy("parameter-not-in-template", "Stage qa sets parameter LogLevel, which template template.yaml does not declare")
                .project(p -> p.stages(qaWith("us-east-1", "<parameters><LogLevel>WARN</LogLevel></parameters>"))));
        all.add(deploy("parameter-constraint", "Parameter 'LogLevel' must be one of AllowedValues; set parameter LogLevel in the stage's parameters to a value")
                .project(p -> p.template(CaseProject.GREETING.replace("Parameters:\n", "Parameters:\n  LogLevel:\n    Type: String\n"
                        + "    AllowedValues: [DEBUG, INFO, WARN]\n")).stages(qaWith("us-east-1", "<parameters><LogLevel>VERBOSE</LogLevel></parameters>"))));
        all.add(deploy("required-parameter-missing", "Template parameter TableName in template.yaml has no Default and no value: set it in stage qa's parameters")
                .project(p -> p.template(CaseProject.GREETING.replace("Parameters:\n", "Parameters:\n  TableName:\n    Type: String\n"))));
        all.add(deploy("execution-role-missing", "Role arn:aws:iam::333333333333:role/no-such-exec-role is invalid or cannot be assumed;"
                + " the stage's CloudFormation execution role must exist in the stage's account")
                .project(p -> p.stages(qaWith("us-east-1", "<executionRoleArn>arn:aws:iam::333333333333:role/no-such-exec-role</executionRoleArn>"))));
        all.add(deploy("template-without-resources", "declares no Resources; a CloudFormation template needs at least one")
                .project(p -> p.template("Parameters:\n  Stage:\n    Type: String\n")));

        // Artifacts: checked before upload.
        byte[] good = CaseProject.zip(Map.of("example/Hello.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}));
        all.add(upload("artifact-not-packaged", "does not exist; run the package goal first (mvn package crossdeploy:package).")
                .project(p -> p.template(CaseProject.FUNCTION)).noArtifact());
        all.add(upload("artifact-emptied", "it changed after packaging; run the package goal again")
                .project(p -> p.template(CaseProject.FUNCTION).artifact(CaseProject.zip(Map.of()), CaseProject.sha256(good))));
        all.add(upload("artifact-random-bytes", "is not a readable zip")
                .project(p -> p.template(CaseProject.FUNCTION).artifact("not a zip at all".repeat(64).getBytes(StandardCharsets.UTF_8), null)));
        all.add(upload("artifact-sha-mismatch", "but artifact.json records 0000")
                .project(p -> p.template(CaseProject.FUNCTION).artifact(good, "0".repeat(64))));
        all.add(upload("artifact-without-handler-class", "names handler example.Hello::handleRequest, but artifact")
                .project(p -> p.template(CaseProject.FUNCTION).artifact(CaseProject.zip(Map.of("example/Other.class", new byte[] {1})), null)));

        // Credentials and roles.
        all.add(deploy("untrusted-role", "Access denied assuming deploy role arn:aws:iam::555555555555:role/crossdeploy-deploy for stage 'sandbox'")
                .stage("sandbox"));
        all.add(deploy("unknown-access-key", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': STS does not accept the AWS credentials (InvalidClientTokenId);")
                .args("-Daws.accessKeyId=AKIANOSUCHKEY0000000"));
        all.add(deploy("wrong-secret-key", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': STS does not accept the AWS credentials (SignatureDoesNotMatch);")
                .args("-Daws.secretAccessKey=not/the/secret"));
        all.add(deploy("no-credentials", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': No usable AWS credentials for the build;")
                .args("-Daws.accessKeyId=", "-Daws.secretAccessKey="));
        all.add(deploy("expired-session", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': STS refused the AWS credentials as expired")
                .before(this::expiredSession));

        // Endpoints that cannot be reached.
        all.add(deploy("endpoint-unknown-host", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': The AWS endpoint"
                + " http://no-such-host.invalid:4566 cannot be reached: its host no-such-host.invalid is unknown; check AWS_ENDPOINT_URL")
                .args("-Daws.endpointUrl=http://no-such-host.invalid:4566"));
        all.add(deploy("endpoint-refused", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': The AWS endpoint "
                + broken.refusing() + " refused the connection; check that AWS_ENDPOINT_URL names a running endpoint").args("-Daws.endpointUrl=" + broken.refusing()));
        all.add(deploy("endpoint-reset", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': The AWS endpoint "
                + broken.resetting() + " dropped the connection without answering (closed or reset it), also after retries; check any proxy or firewall").args("-Daws.endpointUrl=" + broken.resetting()));
        all.add(deploy("endpoint-timeout", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': The AWS endpoint "
                + broken.silent() + " did not answer in time, also after retries; check the network").args("-Daws.endpointUrl=" + broken.silent(), "-Dcrossdeploy.awsCallTimeout=PT1S"));
        all.add(deploy("endpoint-unroutable", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': The AWS endpoint http://192.0.2.1:4566")
                .args("-Daws.endpointUrl=http://192.0.2.1:4566", "-Dcrossdeploy.awsCallTimeout=PT1S"));
        all.add(deploy("endpoint-malformed", "AWS_ENDPOINT_URL 'localhost:" + port + "' is not a usable URL").args("-Daws.endpointUrl=localhost:" + port));
        all.add(deploy("sts-throttled-throughout", "Cannot assume deploy role " + QA_ROLE + " for stage 'qa': STS kept throttling the requests (Throttling: Rate exceeded) until the retries ran out;")
                .before(() -> ItCloud.fault(port, "{\"service\":\"sts\",\"action\":\"AssumeRole\",\"kind\":\"THROTTLE\",\"count\":0}")));
        all.add(upload("s3-failing-throughout", "Stage 'qa' (account 333333333333, us-east-1): S3 failed on its side (HTTP 500 Internal Server Error) and the retries ran out; run again later.")
                .project(p -> p.template(CaseProject.FUNCTION).artifact(good, null))
                .before(() -> ItCloud.fault(port, "{\"service\":\"s3\",\"action\":\"HeadObject\",\"kind\":\"INTERNAL_ERROR\",\"count\":0}")));

        // Goals that refuse rather than write.
        all.add(new Case("outputs-of-missing-stack", "crossdeploy:outputs", "Stack outputs-of-missing-stack-qa does not exist in stage qa; deploy it first"));
        all.add(new Case("delete-protected-stage", "crossdeploy:delete-stack", "Refused: stage prod is protected and crossdeploy does not delete its stacks").stage("prod"));
        return all;
    }

    private static String qaWith(String region, String extra) {
        return "<stage><name>qa</name><accountId>333333333333</accountId><region>" + region + "</region>" + extra + "</stage>\n"
                + CaseProject.STAGING;
    }

    private Case deploy(String name, String expected) {
        return new Case(name, "crossdeploy:deploy-stack", expected).project(p -> p.template(CaseProject.GREETING));
    }

    private Case upload(String name, String expected) {
        byte[] zip = CaseProject.zip(Map.of("example/Hello.class", new byte[] {(byte) 0xCA, (byte) 0xFE}));
        return new Case(name, "crossdeploy:upload-to-account", expected)
                .project(p -> p.template(CaseProject.FUNCTION).artifact(zip, null));
    }

    /** Session credentials of the pipeline account's role session, expired by the cloud's clock. */
    private void expiredSession(Case c) throws Exception {
        Credentials session;
        try (StsClient sts = ItCloud.client(StsClient.builder(), port, "pipeline")) {
            session = sts.assumeRole(r -> r.roleArn(QA_ROLE).roleSessionName("catalogue").durationSeconds(900)).credentials();
        }
        var advance = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/_localcloud/clock/advance?seconds=3600"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(advance.statusCode()).isEqualTo(200);
        c.property("aws.accessKeyId", session.accessKeyId());
        c.property("aws.secretAccessKey", session.secretAccessKey());
        c.property("aws.sessionToken", session.sessionToken());
        c.secret(session.sessionToken());
    }

    private void check(Case c) throws Exception {
        try {
            run(c);
        } finally {
            // Fault rules and the advanced clock must not reach the next case.
            if (c.before != null) ItCloud.prepare(port);
        }
    }

    private void run(Case c) throws Exception {
        Path dir = root.resolve(c.name);
        deleteRecursively(dir);
        CaseProject project = new CaseProject(dir, System.getProperty("crossdeploy.version"));
        c.project.accept(project);
        project.writePom();
        if (c.before != null) c.before.run(c);

        EmbeddedMaven.Result result = maven.run(dir, c.commandLine(port));
        ran++;

        String log = result.log();
        assertThat(result.exit()).as("exit code of %s; see %s", c.name, dir.resolve("build.log")).isNotZero();
        List<String> errors = log.lines().filter(l -> l.startsWith("[ERROR]"))
                .filter(l -> !l.isBlank() && !l.trim().equals("[ERROR]"))
                .filter(l -> MAVEN_FOOTER.stream().noneMatch(l::contains)).toList();
        assertThat(errors).as("the plugin's [ERROR] lines in %s", dir.resolve("build.log")).hasSize(1);
        String failure = BuildLog.of(dir.toFile()).failure();
        assertThat(failure).as("the one line of %s", c.name).contains(c.expected)
                .doesNotContain("Exception", "null", "failed unexpectedly", "software.amazon", "(Service:");
        assertThat(log).as("build log of %s", c.name).doesNotContain("\tat ", "Caused by:");
        for (String secret : c.secrets) assertThat(log).as("secret in the log of %s", c.name).doesNotContain(secret);
        ItCloud.assertNothingWritten(port);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** One bad input: the project it is typed into, the command line, and the text the line must hold. */
    private static final class Case {
        final String name;
        final String goal;
        final String expected;
        Consumer<CaseProject> project = p -> { };
        Before before;
        String stage = "qa";
        boolean withStage = true;
        final List<String> args = new ArrayList<>();
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<String> secrets = new ArrayList<>();

        Case(String name, String goal, String expected) {
            this.name = name;
            this.goal = goal;
            this.expected = expected;
        }

        Case project(Consumer<CaseProject> more) {
            Consumer<CaseProject> first = project;
            project = first.andThen(more);
            return this;
        }

        Case args(String... more) {
            for (String a : more) {
                if (a.startsWith("-D") && a.contains("=")) {
                    properties.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                } else {
                    args.add(a);
                }
            }
            return this;
        }

        Case stage(String name) { stage = name; return this; }

        Case noStage() { withStage = false; return this; }

        /** Drops the packaged artifact the upload cases start with. */
        Case noArtifact() {
            project = p -> p.template(CaseProject.FUNCTION);
            return this;
        }

        Case before(Before hook) { before = hook; return this; }

        Case before(ThrowingRunnable hook) { before = c -> hook.run(); return this; }

        void property(String key, String value) { properties.put(key, value); }

        void secret(String value) { secrets.add(value); }

        List<String> commandLine(String port) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("aws.endpointUrl", "http://localhost:" + port);
            p.put("aws.accessKeyId", "AKIAPIPELINE11111111");
            p.put("aws.secretAccessKey", "pipeline/secret/key/for/the/local/cloud1");
            p.put("aws.region", "us-east-1");
            p.put("aws.disableEc2Metadata", "true");
            p.put("aws.sharedCredentialsFile", "/nonexistent/crossdeploy-catalogue/credentials");
            p.put("aws.configFile", "/nonexistent/crossdeploy-catalogue/config");
            if (withStage) p.put("stage", stage);
            p.putAll(properties);
            List<String> line = new ArrayList<>(List.of(goal));
            line.addAll(args);
            p.forEach((k, v) -> line.add("-D" + k + "=" + v));
            return line;
        }
    }

    @FunctionalInterface
    private interface Before {
        void run(Case c) throws Exception;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
