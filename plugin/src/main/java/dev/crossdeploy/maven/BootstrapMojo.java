package dev.crossdeploy.maven;

import dev.crossdeploy.bootstrap.BootstrapRequest;
import dev.crossdeploy.bootstrap.Bootstrapper;
import dev.crossdeploy.input.Inputs;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Prepares a deployment account for crossdeploy: deploys the bootstrap stack (deploy role
 * trusting the pipeline account, CloudFormation execution role, artifact bucket, optional KMS
 * key) with the account administrator's credentials from the SDK's default chain, in the
 * SDK's region (AWS_REGION). Needs no stage and no project; the outputs go to
 * {@code target/crossdeploy/bootstrap-outputs.json} in a project, else to
 * {@code bootstrap-outputs.json} in the current directory:
 * {@code mvn dev.crossdeploy:crossdeploy-maven-plugin:bootstrap -Dcrossdeploy.trustAccount=111111111111}.
 */
@Mojo(name = "bootstrap", requiresProject = false, threadSafe = true)
public class BootstrapMojo extends AbstractAwsMojo {
    /** Bootstrap needs no project: Maven's stand-in project has pom packaging and must not be passed over. */
    @Override
    protected boolean isAggregatorWithoutStack() {
        return false;
    }

    /** The pipeline account (12 digits) whose principals may assume the deploy role. */
    @Parameter(property = "crossdeploy.trustAccount")
    private String trustAccount;

    /** Comma-separated role names of the pipeline account; when set, only they may assume the deploy role. */
    @Parameter(property = "crossdeploy.trustRoles")
    private String trustRoles;

    /** An sts:ExternalId the pipeline must present; never printed. */
    @Parameter(property = "crossdeploy.externalId")
    private String externalId;

    /** {@code true}: encrypt the artifact bucket with a new KMS key (alias/crossdeploy) instead of AES256. */
    @Parameter(property = "crossdeploy.createKmsKey", defaultValue = "false")
    private String createKmsKey;

    /** Comma-separated managed policy ARNs for the execution role; empty: the template's own least-privilege policy. */
    @Parameter(property = "crossdeploy.executionPolicyArns")
    private String executionPolicyArns;

    /** Name of the bootstrap stack. */
    @Parameter(property = "crossdeploy.bootstrapStackName", defaultValue = BootstrapRequest.DEFAULT_STACK_NAME)
    private String bootstrapStackName;

    /**
     * The account (12 digits, usually the pipeline account) whose stack sets may deploy into this
     * account: adds AWSCloudFormationStackSetExecutionRole trusting it. Unset: no such role.
     */
    @Parameter(property = "crossdeploy.stackSetAdministrator")
    private String stackSetAdministrator;

    /**
     * {@code true}: in the pipeline account, create AWSCloudFormationStackSetAdministrationRole for
     * {@code deploy-stack-set} (stack {@code crossdeploy-stackset-administration}); needs no trustAccount.
     */
    @Parameter(property = "crossdeploy.stackSetAdministration", defaultValue = "false")
    private String stackSetAdministration;

    /** Where Maven was started: outside a project, the outputs file goes there. */
    @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
    private File workingDirectory;

    @Override
    protected void run() {
        boolean administration = Inputs.flag("crossdeploy.stackSetAdministration", stackSetAdministration, false);
        boolean deploymentAccount = !administration || (trustAccount != null && !trustAccount.isBlank());
        // Both requests are checked before either stack is touched.
        BootstrapRequest request = !deploymentAccount ? null : new BootstrapRequest(trustAccount,
                BootstrapRequest.commaSeparated(trustRoles), externalId, Inputs.flag("crossdeploy.createKmsKey", createKmsKey, false),
                BootstrapRequest.commaSeparated(executionPolicyArns), bootstrapStackName, stackSetAdministrator);
        if (administration) Bootstrapper.connect(awsSettings(), reporter()).bootstrapStackSetAdministration(outputDir());
        if (request != null) Bootstrapper.connect(awsSettings(), reporter()).bootstrap(request, outputDir());
    }

    /** target/crossdeploy of a real project; run outside one, the directory Maven runs in, so the file outlives the run. */
    private Path outputDir() {
        if (project == null || project.getFile() == null) return (workingDirectory != null ? workingDirectory.toPath() : Path.of("")).toAbsolutePath();
        return Path.of(project.getBuild().getDirectory(), "crossdeploy");
    }
}
