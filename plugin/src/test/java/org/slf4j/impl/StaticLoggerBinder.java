package org.slf4j.impl;

import dev.crossdeploy.testing.DebugCapture;
import org.slf4j.ILoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * The tests' SLF4J 1.7 binding (the API version Maven gives plugins): loggers that record
 * nothing until a test starts a {@link DebugCapture}, then record what Maven's simple logger
 * would print under {@code mvn -X}.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {
    public static String REQUESTED_API_VERSION = "1.6.99";
    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    public static StaticLoggerBinder getSingleton() { return SINGLETON; }

    @Override
    public ILoggerFactory getLoggerFactory() { return DebugCapture.FACTORY; }

    @Override
    public String getLoggerFactoryClassStr() { return DebugCapture.class.getName(); }
}
