package org.timeledger.chaos;

import org.timeledger.bench.ServerProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service instances under test, each its own process from the jar, on ports of their own
 * and sharing one database. The chaos killer ends one with SIGKILL and starts it again, as a
 * supervisor (systemd, a container platform) would; clients reach whichever answers.
 */
final class Fleet implements AutoCloseable {
    record Restart(int instance, long killedAtMillis, long downMillis) {
    }

    private final Path jar;
    private final List<String> javaOptions;
    private final Map<String, String> env;
    private final Path directory;
    private final int firstPort;
    private final ServerProcess[] processes;
    private final List<Restart> restarts = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();

    Fleet(Path jar, List<String> javaOptions, Map<String, String> env, Path directory, int firstPort, int size) {
        this.jar = jar;
        this.javaOptions = javaOptions;
        this.env = env;
        this.directory = directory;
        this.firstPort = firstPort;
        this.processes = new ServerProcess[size];
    }

    int size() {
        return processes.length;
    }

    String base(int instance) {
        return "http://localhost:" + (firstPort + instance);
    }

    synchronized void startAll() throws IOException, InterruptedException {
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] == null) {
                processes[i] = start(i);
            }
        }
    }

    private ServerProcess start(int instance) throws IOException, InterruptedException {
        // one working directory for all: H2's file is ./data/timeledger (and H2 runs one instance)
        return ServerProcess.start(jar, javaOptions, env, directory, directory.resolve("service-" + (instance + 1) + ".log"),
                firstPort + instance);
    }

    /** SIGKILL to one instance, then starts it again and waits until it answers. */
    void killAndRestart(int instance, long runStartedNanos) throws IOException, InterruptedException {
        ServerProcess victim;
        synchronized (this) {
            victim = processes[instance];
            processes[instance] = null;
        }
        long killedAt = System.nanoTime();
        victim.kill();
        generation.incrementAndGet();
        ServerProcess fresh = start(instance);
        synchronized (this) {
            processes[instance] = fresh;
            restarts.add(new Restart(instance, (killedAt - runStartedNanos) / 1_000_000,
                    (System.nanoTime() - killedAt) / 1_000_000));
        }
    }

    synchronized List<Restart> restarts() {
        return List.copyOf(restarts);
    }

    /** SIGTERM to every instance, as an operator stops the service. */
    @Override
    public synchronized void close() throws InterruptedException {
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null) {
                processes[i].close();
                processes[i] = null;
            }
        }
    }
}
