package dev.crossdeploy.maven;

import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.stage.StageSpec;

import java.util.List;
import java.util.Map;

/**
 * One {@code <stage>} inside the plugin's {@code <stages>}: plain fields Maven binds by name.
 * <pre>
 * &lt;stage&gt;
 *   &lt;name&gt;qa&lt;/name&gt;
 *   &lt;accountId&gt;333333333333&lt;/accountId&gt;
 *   &lt;region&gt;eu-west-1&lt;/region&gt;
 *   &lt;protected&gt;false&lt;/protected&gt;
 *   &lt;parameters&gt;&lt;LogLevel&gt;DEBUG&lt;/LogLevel&gt;&lt;/parameters&gt;
 * &lt;/stage&gt;
 * </pre>
 * Absent roles and bucket default to the bootstrap stack's names for the account and region.
 */
public class StageParameter {
    String name;
    String accountId;
    String region;
    String deployRoleArn;
    String executionRoleArn;
    String artifactBucket;
    String artifactPrefix;
    String kmsKeyId;
    String externalId;
    Map<String, String> parameters;
    Map<String, String> tags;
    /** Bound from {@code <protected>} through {@link #setProtected(String)} (a Java keyword as a field name). */
    String protectedStage;
    List<String> capabilities;
    String requireVerifiedIn;

    public StageParameter() {}

    /** Maven calls this for {@code <protected>}; text, so that {@code maybe} is refused rather than read as false. */
    public void setProtected(String value) { this.protectedStage = value; }

    public void setName(String name) { this.name = name; }
    public void setAccountId(String accountId) { this.accountId = accountId; }
    public void setRegion(String region) { this.region = region; }
    public void setDeployRoleArn(String arn) { this.deployRoleArn = arn; }
    public void setExecutionRoleArn(String arn) { this.executionRoleArn = arn; }
    public void setArtifactBucket(String bucket) { this.artifactBucket = bucket; }
    public void setArtifactPrefix(String prefix) { this.artifactPrefix = prefix; }
    public void setKmsKeyId(String kmsKeyId) { this.kmsKeyId = kmsKeyId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    /** Typed so that Maven's -X line for it shows the parameter names, never their values. */
    public void setParameters(StageValues parameters) { this.parameters = parameters; }
    public void setTags(Map<String, String> tags) { this.tags = tags; }
    public void setCapabilities(List<String> capabilities) { this.capabilities = capabilities; }
    public void setRequireVerifiedIn(String stage) { this.requireVerifiedIn = stage; }

    /** The engine's view of this entry. */
    public StageSpec toSpec() {
        return new StageSpec(name, accountId, region, deployRoleArn, executionRoleArn, artifactBucket,
                artifactPrefix, kmsKeyId, externalId, parameters, tags,
                Inputs.optionalFlag("Stage '" + name + "': protected", protectedStage), capabilities,
                requireVerifiedIn);
    }
}
