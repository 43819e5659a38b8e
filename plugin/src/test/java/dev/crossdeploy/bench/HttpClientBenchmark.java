package dev.crossdeploy.bench;

import dev.crossdeploy.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The cost of an HTTP client in a fresh JVM: classes loaded and time from building the first
 * client to the first answer (STS GetCallerIdentity at an in-process local cloud, warmed first).
 * Each run loads only the client it names.
 *
 * <pre>java -cp $CP dev.crossdeploy.bench.HttpClientBenchmark url|apache</pre>
 */
public final class HttpClientBenchmark {
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "url";
        try (LocalCloud cloud = LocalCloud.builder().port(0).start()) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_localcloud/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
            var keys = cloud.account("pipeline");
            var classes = ManagementFactory.getClassLoadingMXBean();
            long before = classes.getTotalLoadedClassCount();
            long t0 = System.nanoTime();
            SdkHttpClient http = "apache".equals(kind) ? ApacheHttpClient.builder().build() : UrlConnectionHttpClient.builder().build();
            try (StsClient sts = StsClient.builder().httpClient(http).endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                    .build()) {
                sts.getCallerIdentity();
                long t1 = System.nanoTime();
                long after = classes.getTotalLoadedClassCount();
                sts.getCallerIdentity();
                long t2 = System.nanoTime();
                System.out.printf("%s: first request %d ms after building the client, %d classes loaded for it; second request %.1f ms%n",
                        kind, (t1 - t0) / 1_000_000, after - before, (t2 - t1) / 1e6);
            } finally {
                http.close();
            }
        }
    }
}
