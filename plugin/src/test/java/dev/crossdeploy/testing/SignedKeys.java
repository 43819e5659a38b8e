package dev.crossdeploy.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the access key ids that signed requests in this JVM (from the Authorization header),
 * so a test can look up the temporary credentials the local cloud issued to the code under test.
 */
public final class SignedKeys implements ExecutionInterceptor {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Z0-9]+)/");
    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.httpRequest().firstMatchingHeader("Authorization").ifPresent(h -> {
            Matcher m = CREDENTIAL.matcher(h);
            if (m.find()) IDS.add(m.group(1));
        });
    }

    /** Ids of temporary (ASIA...) keys seen so far. */
    public static Set<String> temporary() {
        return IDS.stream().filter(id -> id.startsWith("ASIA")).collect(java.util.stream.Collectors.toSet());
    }

    public static void clear() { IDS.clear(); }
}
