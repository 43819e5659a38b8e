package dev.crossdeploy.account;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class S3AddressingTest {
    private static final UnaryOperator<String> NONE = name -> null;

    private static UnaryOperator<String> vars(Map<String, String> values) {
        return values::get;
    }

    @Test
    void awsItselfIsAddressedVirtualHostedUnlessAskedOtherwise() {
        assertThat(S3Addressing.pathStyle(false, null, NONE, NONE)).isFalse();
        assertThat(S3Addressing.pathStyle(true, null, NONE, NONE)).isTrue();
        assertThat(S3Addressing.pathStyle(false, URI.create("https://s3.eu-west-1.amazonaws.com"), NONE, NONE)).isFalse();
    }

    @Test
    void aLocalEndpointFromTheEnvironmentNeedsNoFlag() {
        // Bucket names cannot become subdomains of localhost or of an IP address.
        assertThat(S3Addressing.pathStyle(false, null, vars(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566")), NONE)).isTrue();
        assertThat(S3Addressing.pathStyle(false, null, vars(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")), NONE)).isTrue();
        assertThat(S3Addressing.pathStyle(false, null, NONE, vars(Map.of("aws.endpointUrl", "http://[::1]:4566")))).isTrue();
        assertThat(S3Addressing.pathStyle(false, URI.create("http://10.1.2.3:4566"), NONE, NONE)).isTrue();
    }

    @Test
    void theMostSpecificEndpointDecides() {
        var environment = vars(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_S3", "https://s3.example.com"));
        assertThat(S3Addressing.pathStyle(false, null, environment, NONE)).isFalse();
    }
}
