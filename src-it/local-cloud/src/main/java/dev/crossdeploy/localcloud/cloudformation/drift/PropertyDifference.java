package dev.crossdeploy.localcloud.cloudformation.drift;

/**
 * One property that differs, as CloudFormation reports it: a JSON-pointer-like path, both values
 * as text (null where absent) and ADD, REMOVE or NOT_EQUAL.
 */
public record PropertyDifference(String path, String expected, String actual, String type) {}
