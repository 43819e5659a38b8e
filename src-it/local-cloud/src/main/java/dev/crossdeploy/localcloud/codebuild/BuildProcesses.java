package dev.crossdeploy.localcloud.codebuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds every process a build started, including those a command left running in the background
 * (which outlive their shell and leave its process tree), by the CODEBUILD_BUILD_ID each of them
 * inherited, so a finished, stopped or timed-out build leaves nothing running, as a discarded
 * CodeBuild container does.
 */
final class BuildProcesses {
    private BuildProcesses() {}

    /** Kills the build's processes; returns how many there were. */
    static int killAll(String buildId) {
        byte[] marker = ("\0CODEBUILD_BUILD_ID=" + buildId + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && carries(p.pid(), marker)).toList();
        found.forEach(ProcessHandle::destroyForcibly);
        return found.size();
    }

    private static boolean carries(long pid, byte[] marker) {
        byte[] env;
        try {
            env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException e) {
            return false;
        }
        // The environment is NUL-separated; a leading NUL lets the first variable match too.
        byte[] padded = new byte[env.length + 2];
        System.arraycopy(env, 0, padded, 1, env.length);
        return indexOf(padded, marker) >= 0;
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
