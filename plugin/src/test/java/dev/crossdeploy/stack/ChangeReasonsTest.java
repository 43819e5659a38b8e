package dev.crossdeploy.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeReasonsTest {

    private static ResourceChangeDetail property(String name, String recreation, String evaluation, String source, String causing) {
        return ResourceChangeDetail.builder()
                .target(t -> t.attribute("Properties").name(name).requiresRecreation(recreation))
                .evaluation(evaluation).changeSource(source).causingEntity(causing).build();
    }

    private static ResourceChangeDetail attribute(String attribute) {
        return ResourceChangeDetail.builder().target(t -> t.attribute(attribute).requiresRecreation("Never"))
                .evaluation("Static").changeSource("DirectModification").build();
    }

    private static String why(String action, ResourceChangeDetail... details) {
        return ChangeReasons.describe(ResourceChange.builder().action(action).details(details).build());
    }

    @Test
    void aCodeChangeNamesTheProperty() {
        assertThat(why("Modify", property("Code", "Never", "Static", "ParameterReference", "ArtifactKey"))).isEqualTo("Properties: Code");
    }

    @Test
    void aPropertyThatReplacesSaysSoAndOneThatMayReplaceSaysThat() {
        assertThat(why("Modify", property("TableName", "Always", "Static", "DirectModification", null)))
                .isEqualTo("Properties: TableName (replaces)");
        assertThat(why("Modify", property("BucketName", "Always", "Dynamic", "ResourceAttribute", "Other.Arn")))
                .isEqualTo("Properties: BucketName (may replace)");
        assertThat(why("Modify", property("KeySchema", "Conditionally", "Static", "DirectModification", null),
                property("BillingMode", "Never", "Static", "DirectModification", null)))
                .isEqualTo("Properties: KeySchema (may replace), BillingMode");
    }

    @Test
    void aPropertyWithSeveralCausesIsNamedOnceWithItsStrongestEffect() {
        assertThat(why("Modify", property("Description", "Always", "Dynamic", "DirectModification", null),
                property("Description", "Always", "Static", "ParameterReference", "ArtifactKey")))
                .isEqualTo("Properties: Description (replaces)");
    }

    @Test
    void stackTagsAndOtherAttributesFollowTheProperties() {
        assertThat(why("Modify", attribute("Tags"))).isEqualTo("Tags");
        assertThat(why("Modify", property("RetentionInDays", "Never", "Static", "DirectModification", null), attribute("Tags"),
                attribute("Metadata"))).isEqualTo("Properties: RetentionInDays; Tags; Metadata");
    }

    @Test
    void withoutDetailsTheScopeSaysWhatChangesAndAddOrRemoveNeedNoReason() {
        assertThat(ChangeReasons.describe(ResourceChange.builder().action("Modify").scopeWithStrings("Tags").build())).isEqualTo("Tags");
        assertThat(why("Add")).isEmpty();
        assertThat(why("Remove")).isEmpty();
    }
}
