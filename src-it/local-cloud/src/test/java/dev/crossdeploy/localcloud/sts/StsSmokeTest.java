package dev.crossdeploy.localcloud.sts;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class StsSmokeTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @Test
    void rootCallerIsItsAccount() {
        var id = cloud.as("staging").sts().getCallerIdentity();
        assertThat(id.account()).isEqualTo("222222222222");
        assertThat(id.arn()).isEqualTo("arn:aws:iam::222222222222:root");
    }
}
