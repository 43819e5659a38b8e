package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.config.CloudConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local cloud in the foreground until Ctrl-C:
 * {@code java -jar crossdeploy-local-cloud.jar [--port 4566] [--config cloud.yaml] [--resource-delay-ms 50]}.
 */
public final class LocalCloudMain {
    private LocalCloudMain() {}

    public static void main(String[] args) throws Exception {
        LocalCloud.Builder builder = LocalCloud.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> { builder.port(parsePort(value)); i++; }
                case "--host" -> { builder.host(require(arg, value)); i++; }
                case "--config" -> { builder.config(CloudConfig.load(Path.of(require(arg, value)))); i++; }
                case "--resource-delay-ms" -> { builder.resourceDelayMillis(Long.parseLong(require(arg, value))); i++; }
                case "--help", "-h" -> { usage(); return; }
                default -> {
                    System.err.println("Unknown option " + arg + "; run with --help to see the options.");
                    System.exit(2);
                }
            }
        }
        LocalCloud cloud = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            System.out.println("local cloud stopped");
            stopped.countDown();
        }));
        System.out.println("local cloud ready at " + cloud.endpoint() + " (accounts: "
                + String.join(", ", cloud.config().accounts().stream().map(a -> a.name() + "=" + a.id()).toList()) + ")");
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(require("--port", value));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            System.err.println("--port takes a number from 0 to 65535, got '" + value + "'.");
            System.exit(2);
            return -1;
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value; run with --help to see the options.");
            System.exit(2);
        }
        return value;
    }

    private static void usage() {
        System.out.println("""
                Usage: java -jar crossdeploy-local-cloud.jar [options]
                  --port N                port to listen on (default 4566, 0 = any free port)
                  --host H                address to bind (default 127.0.0.1)
                  --config FILE           accounts, roles and buckets as YAML (default: the built-in four accounts)
                  --resource-delay-ms N   how long each stack resource takes to settle (default 50)""");
    }
}
