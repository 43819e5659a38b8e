package dev.crossdeploy.localcloud.lambda.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Fails while Lambda loads it: its constructor throws. */
public class BrokenInitHandler implements RequestHandler<Map<String, Object>, String> {
    public BrokenInitHandler() {
        throw new IllegalStateException("missing configuration TABLE_NAME");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "unreachable";
    }
}
