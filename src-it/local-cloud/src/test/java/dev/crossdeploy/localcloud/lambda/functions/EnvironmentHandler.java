package dev.crossdeploy.localcloud.lambda.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers with the event, what Lambda told it (context, environment) and a line on stdout. */
public class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        System.out.println("handling " + context.getAwsRequestId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event);
        out.put("requestId", context.getAwsRequestId());
        out.put("functionName", context.getFunctionName());
        out.put("invokedArn", context.getInvokedFunctionArn());
        out.put("remainingMillis", context.getRemainingTimeInMillis());
        out.put("env", new LinkedHashMap<>(System.getenv()));
        out.put("workingDirectory", System.getProperty("user.dir"));
        out.put("classpath", System.getProperty("java.class.path"));
        if (context.getClientContext() != null) out.put("clientCustom", context.getClientContext().getCustom());
        return out;
    }
}
