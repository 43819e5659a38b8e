package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.ChangeSetTable;
import dev.crossdeploy.report.OutputsFile;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code outputs} engine: fetches a deployed stack's outputs and writes the outputs file. */
public final class StackOutputs {
    private final CloudFormationClient cfn;
    private final Reporter reporter;

    public StackOutputs(CloudFormationClient cfn, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.reporter = reporter;
    }

    /** The outputs and the file they were written to. */
    public record Result(Map<String, String> outputs, Path file) {
        public Result { outputs = Map.copyOf(outputs); }
    }

    public Result fetch(OutputsRequest request) {
        return Errors.refusalExplained(request.stackName(), request.stage(), () -> run(request));
    }

    private Result run(OutputsRequest request) {
        String name = request.stackName();
        Stack stack = new StackLookup(cfn).find(name).orElseThrow(() -> new CrossdeployException(
                "Stack " + name + " does not exist in stage " + request.stage().name() + "; deploy it first (deploy-stack -Dstage="
                        + request.stage().name() + ")"));
        String status = stack.stackStatusAsString();
        if ("REVIEW_IN_PROGRESS".equals(status) || "ROLLBACK_COMPLETE".equals(status)) {
            throw new CrossdeployException("Stack " + name + " in stage " + request.stage().name() + " was never deployed (" + status
                    + "); deploy it first");
        }
        if (StackStatuses.inProgress(status)) {
            reporter.warn("Stack " + name + " is " + status + "; its outputs may change when the operation finishes");
        }
        Map<String, String> outputs = outputsOf(stack);
        if (outputs.isEmpty()) {
            reporter.info("Stack " + name + " has no outputs");
        } else {
            reporter.info("Outputs of stack " + name + ":");
            ChangeSetTable.outputs(outputs).forEach(l -> reporter.info("  " + l));
        }
        return new Result(outputs, writeFile(reporter, request.outputDir(), request.stage().name(), outputs));
    }

    /** The outputs as a map, in the stack's order. */
    static Map<String, String> outputsOf(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : stack.outputs()) outputs.put(o.outputKey(), o.outputValue());
        return outputs;
    }

    /** Writes the stage's outputs file and says where. */
    static Path writeFile(Reporter reporter, Path outputDir, String stageName, Map<String, String> outputs) {
        Path file = OutputsFile.write(outputDir, stageName, outputs);
        reporter.info("Outputs written to " + file);
        return file;
    }
}
