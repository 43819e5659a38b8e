package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event patterns match as EventBridge documents them. */
class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUSH = """
            {"version":"0","id":"1","detail-type":"CodeCommit Repository State Change","source":"aws.codecommit",
             "account":"111111111111","region":"us-east-1","resources":["arn:aws:codecommit:us-east-1:111111111111:repo"],
             "detail":{"event":"referenceUpdated","referenceType":"branch","referenceFullName":"refs/heads/master",
                       "referenceName":"master","size":42,"ratio":0.5,"flag":true,"nothing":null,"tags":["a","b"]}}""";

    private static boolean matches(String pattern) throws Exception {
        return matches(pattern, PUSH);
    }

    private static boolean matches(String pattern, String event) throws Exception {
        JsonNode e = JSON.readTree(event);
        return EventPattern.of(JSON.readTree(pattern)).matches(e);
    }

    @Test
    void thePipelineTemplatesRuleMatchesPushesToMasterOnly() throws Exception {
        String rule = """
                {"source":["aws.codecommit"],"detail-type":["CodeCommit Repository State Change"],
                 "resources":["arn:aws:codecommit:us-east-1:111111111111:repo"],
                 "detail":{"event":["referenceCreated","referenceUpdated"],"referenceType":["branch"],
                           "referenceFullName":["refs/heads/master"]}}""";
        assertThat(matches(rule)).isTrue();
        assertThat(matches(rule, PUSH.replace("refs/heads/master", "refs/heads/feature"))).isFalse();
        assertThat(matches(rule, PUSH.replace("referenceUpdated", "referenceDeleted"))).isFalse();
        assertThat(matches(rule, PUSH.replace("\"resources\":[\"arn:aws:codecommit:us-east-1:111111111111:repo\"]",
                "\"resources\":[\"arn:aws:codecommit:us-east-1:111111111111:other\"]"))).isFalse();
    }

    @Test
    void exactValuesAreCaseSensitiveAndTypedAndArraysAreAlternatives() throws Exception {
        assertThat(matches("{\"source\":[\"AWS.codecommit\"]}")).isFalse();
        assertThat(matches("{\"source\":[\"x\",\"aws.codecommit\"]}")).isTrue();
        assertThat(matches("{\"detail\":{\"size\":[42]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"size\":[42.0]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"size\":[\"42\"]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"flag\":[true]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"nothing\":[null]}}")).isTrue();
        // An array in the event matches when any element does.
        assertThat(matches("{\"detail\":{\"tags\":[\"b\"]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"tags\":[\"c\"]}}")).isFalse();
        // A field the pattern names but the event lacks never matches a value.
        assertThat(matches("{\"detail\":{\"missing\":[\"x\"]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"referenceName\":{\"x\":[\"y\"]}}}")).isFalse();
    }

    @Test
    void prefixSuffixAndIgnoreCase() throws Exception {
        assertThat(matches("{\"detail\":{\"referenceFullName\":[{\"prefix\":\"refs/heads/\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceFullName\":[{\"prefix\":\"refs/tags/\"}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"referenceFullName\":[{\"suffix\":\"/master\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"equals-ignore-case\":\"MASTER\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceFullName\":[{\"wildcard\":\"refs/*/master\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceFullName\":[{\"wildcard\":\"refs/*/main\"}]}}")).isFalse();
    }

    @Test
    void anythingBut() throws Exception {
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"anything-but\":\"main\"}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"anything-but\":[\"main\",\"master\"]}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"anything-but\":{\"prefix\":\"mas\"}}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"size\":[{\"anything-but\":43}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"missing\":[{\"anything-but\":\"x\"}]}}")).isFalse();
    }

    @Test
    void existsAndNumeric() throws Exception {
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"exists\":true}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"missing\":[{\"exists\":true}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"missing\":[{\"exists\":false}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"exists\":false}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"size\":[{\"numeric\":[\">\",0,\"<=\",42]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"size\":[{\"numeric\":[\"<\",42]}]}}")).isFalse();
        assertThat(matches("{\"detail\":{\"ratio\":[{\"numeric\":[\"=\",0.5]}]}}")).isTrue();
        assertThat(matches("{\"detail\":{\"referenceName\":[{\"numeric\":[\">\",0]}]}}")).isFalse();
    }

    @Test
    void aLeafThatIsNotAnArrayIsNotAValidPattern() {
        assertThatThrownBy(() -> matches("{\"source\":\"aws.codecommit\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Match value must be String, number, true, false, or null");
    }
}
