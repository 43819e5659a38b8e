package dev.crossdeploy.localcloud.apigateway;

import java.util.Map;

/** A method of a deployed API: the resource it is on, its HTTP method (or ANY) and its Integration properties. */
record ApiMethod(String resourceId, String httpMethod, Map<String, Object> integration) {}
