package dev.crossdeploy.localcloud.faults;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.RawRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private Faults faults() { return cloud.cloud().state().faults(); }

    @Test
    void throttlesTheNextCallsOfOneActionThenRecovers() {
        faults().add(FaultRule.next(2, "sts", "GetCallerIdentity", FaultKind.THROTTLE));
        var sts = cloud.as("pipeline").sts();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(e.isThrottlingException()).isTrue();
            });
        }
        assertThat(sts.getCallerIdentity().account()).isEqualTo("111111111111");
        assertThat(faults().fired()).isEqualTo(2);
    }

    @Test
    void otherActionsAreUntouched() {
        faults().add(FaultRule.next(0, "sts", "AssumeRole", FaultKind.UNAVAILABLE));
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
        assertThat(faults().fired()).isZero();
    }

    @Test
    void serverErrorsCarryTheServicesCodes() {
        faults().add(FaultRule.next(1, "sts", null, FaultKind.INTERNAL_ERROR));
        faults().add(FaultRule.next(1, "sts", null, FaultKind.UNAVAILABLE));
        var sts = cloud.as("pipeline").sts();

        assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        });
        assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
        });
    }

    @Test
    void droppedConnectionReachesTheClientAsAnIoFailure() {
        faults().add(FaultRule.next(1, "sts", null, FaultKind.DROP_CONNECTION));
        assertThatThrownBy(() -> cloud.as("pipeline").sts().getCallerIdentity()).isInstanceOf(SdkClientException.class);
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
    }

    @Test
    void delayedCallsStillAnswer() {
        faults().add(new FaultRule("sts", null, FaultKind.DELAY, 1, 1.0, 50));
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
        assertThat(faults().fired()).isEqualTo(1);
    }

    @Test
    void probabilityZeroNeverFires() {
        faults().add(new FaultRule("sts", null, FaultKind.THROTTLE, 0, 0.0, 0));
        for (int i = 0; i < 5; i++) cloud.as("pipeline").sts().getCallerIdentity();
        assertThat(faults().fired()).isZero();
    }

    @Test
    void rulesAreSetAndClearedThroughTheAdminPath() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI faultsUri = cloud.cloud().endpoint().resolve("/_localcloud/faults");
        var added = http.send(HttpRequest.newBuilder(faultsUri).POST(HttpRequest.BodyPublishers.ofString(
                "{\"service\":\"sts\",\"action\":\"GetCallerIdentity\",\"kind\":\"THROTTLE\",\"count\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> cloud.as("pipeline").sts().getCallerIdentity()).isInstanceOf(StsException.class);

        http.send(HttpRequest.newBuilder(faultsUri).POST(HttpRequest.BodyPublishers.ofString(
                "{\"service\":\"sts\",\"kind\":\"THROTTLE\",\"count\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        var cleared = http.send(HttpRequest.newBuilder(faultsUri).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
    }

    @Test
    void aBadRuleIsRefusedWithItsReason() {
        var r = new RawRequests(cloud.cloud().endpoint()).unsigned("POST", "/_localcloud/faults", "{\"kind\":\"THROTTLE\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("service is required");
    }

    @Test
    void resetClearsRules() {
        faults().add(FaultRule.next(0, "sts", null, FaultKind.THROTTLE));
        cloud.cloud().reset();
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
    }
}
