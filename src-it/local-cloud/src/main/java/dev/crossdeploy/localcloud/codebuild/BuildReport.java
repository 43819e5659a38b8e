package dev.crossdeploy.localcloud.codebuild;

import java.util.List;

/**
 * A test report a build collected from its buildspec's {@code reports} section (JUnit XML):
 * the report group it belongs to, its ARN and the counts CodeBuild shows for it.
 *
 * @param status SUCCEEDED when no test failed, FAILED otherwise (as CodeBuild reports it)
 */
public record BuildReport(String reportGroupName, String arn, String status, int total, int passed, int failed,
                          int skipped, List<String> files) {}
