package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.RawRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request count a benchmark in another process reads from {@code /_localcloud/calls}. */
class CallCounterTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private HttpResponse<String> admin(String method) {
        return new RawRequests(cloud.cloud().endpoint()).unsigned(method, "/_localcloud/calls", null);
    }

    @Test
    void countsEachCallByServiceAndActionSortedAndWithoutAdminCalls() {
        var pipeline = cloud.as("pipeline");
        pipeline.sts().getCallerIdentity();
        pipeline.sts().getCallerIdentity();
        pipeline.s3().listBuckets();
        admin("GET");

        HttpResponse<String> calls = admin("GET");
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(calls.body()).isEqualTo("{\"s3\":{\"ListBuckets\":1},\"sts\":{\"GetCallerIdentity\":2}}");
    }

    @Test
    void countsCallsAFaultThrottledAsWellAsTheirRetry() {
        cloud.cloud().state().faults().add(FaultRule.next(1, "sts", "GetCallerIdentity", FaultKind.THROTTLE));
        var sts = cloud.as("pipeline").sts();
        assertThatThrownBy(sts::getCallerIdentity).isInstanceOf(StsException.class);
        sts.getCallerIdentity();

        assertThat(admin("GET").body()).isEqualTo("{\"sts\":{\"GetCallerIdentity\":2}}");
    }

    @Test
    void countsCallsRefusedForTheirSignature() {
        assertThatThrownBy(() -> cloud.with("AKIANOSUCHKEY0000000", "wrong", null).sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

        assertThat(admin("GET").body()).isEqualTo("{\"sts\":{\"GetCallerIdentity\":1}}");
    }

    @Test
    void deleteStartsTheCountAgain() {
        cloud.as("pipeline").sts().getCallerIdentity();

        HttpResponse<String> cleared = admin("DELETE");
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.body()).isEqualTo("{\"cleared\":true}");
        assertThat(admin("GET").body()).isEqualTo("{}");
        cloud.as("pipeline").sts().getCallerIdentity();
        assertThat(admin("GET").body()).isEqualTo("{\"sts\":{\"GetCallerIdentity\":1}}");
    }

    @Test
    void aCloudResetClearsTheCount() {
        cloud.as("pipeline").sts().getCallerIdentity();
        cloud.cloud().reset();
        assertThat(admin("GET").body()).isEqualTo("{}");
    }

    @Test
    void anotherMethodOnThePathIsRefusedWithThePathItNamed() {
        HttpResponse<String> posted = admin("POST");
        assertThat(posted.statusCode()).isEqualTo(404);
        assertThat(posted.body()).isEqualTo("{\"error\":\"No admin path POST /_localcloud/calls\"}");
    }
}
