package org.timeledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives an action at a fixed concurrency (closed loop: each client sends its next request when
 * the last one is answered) or at a fixed rate (open loop: requests leave on a schedule whether
 * or not earlier ones were answered, and latency counts from the scheduled moment, so a stall
 * shows up in full rather than slowing the generator down with it).
 */
final class Load {
    /** One iteration of a scenario: one or more requests, done synchronously. */
    interface Action {
        Outcome run(int client) throws Exception;
    }

    /** What an iteration did: its HTTP requests, the entries it posted, and the first unexpected status. */
    record Outcome(int requests, int entries, int unexpectedStatus, String detail) {
        static Outcome ok(int requests, int entries) {
            return new Outcome(requests, entries, 0, null);
        }

        static Outcome failed(int requests, int status, String detail) {
            return new Outcome(requests, 0, status, detail);
        }
    }

    /** A run's figures. Rates are per second of the measured window. */
    record Result(String scenario, String mode, double seconds, long iterations, long requests, long entries,
                  long errors, long serverErrors, Map<Integer, Long> errorStatuses, String firstError,
                  Latencies.Summary latency) {
        double iterationsPerSecond() {
            return iterations / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }

        double entriesPerSecond() {
            return entries / seconds;
        }
    }

    private final String scenario;
    private final Action action;
    private final AtomicLong iterations = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final Map<Integer, AtomicLong> errorStatuses = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private Load(String scenario, Action action) {
        this.scenario = scenario;
        this.action = action;
    }

    static Result closed(String scenario, Action action, int clients, double warmupSeconds, double seconds)
            throws InterruptedException {
        return new Load(scenario, action).closedLoop(clients, warmupSeconds, seconds);
    }

    static Result open(String scenario, Action action, double ratePerSecond, double warmupSeconds, double seconds)
            throws InterruptedException {
        return new Load(scenario, action).openLoop(ratePerSecond, warmupSeconds, seconds);
    }

    private Result closedLoop(int clients, double warmupSeconds, double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + nanos(warmupSeconds);
        long end = measureFrom + nanos(seconds);
        List<Latencies> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies recorder = new Latencies();
            recorders.add(recorder);
            int client = c;
            Thread thread = new Thread(() -> {
                long now = System.nanoTime();
                while (now < end) {
                    long sent = now;
                    Outcome outcome = attempt(client);
                    now = System.nanoTime();
                    if (sent >= measureFrom) {
                        recorder.add((now - sent) / 1000);
                        count(outcome);
                    }
                }
            }, "bench-" + scenario + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return result("closed, " + clients + " clients", seconds, recorders);
    }

    private Result openLoop(double ratePerSecond, double warmupSeconds, double seconds) throws InterruptedException {
        // enough threads that a request waits for the server, not for a free thread
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long measureFrom = start + nanos(warmupSeconds);
        long end = measureFrom + nanos(seconds);
        double interval = 1e9 / ratePerSecond;
        List<Latencies> recorders = new ArrayList<>();
        ThreadLocal<Latencies> recorder = ThreadLocal.withInitial(() -> {
            Latencies latencies = new Latencies();
            synchronized (recorders) {
                recorders.add(latencies);
            }
            return latencies;
        });
        for (long k = 0; ; k++) {
            long scheduled = start + (long) (k * interval);
            if (scheduled >= end) {
                break;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int client = (int) (k % 1024);
            pool.execute(() -> {
                Outcome outcome = attempt(client);
                if (scheduled >= measureFrom) {
                    recorder.get().add((System.nanoTime() - scheduled) / 1000);
                    count(outcome);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        synchronized (recorders) {
            return result(String.format("open, %.0f/s", ratePerSecond), seconds, recorders);
        }
    }

    private Outcome attempt(int client) {
        try {
            return action.run(client);
        } catch (Exception e) {
            return Outcome.failed(1, -1, e.toString());
        }
    }

    private void count(Outcome outcome) {
        iterations.incrementAndGet();
        requests.addAndGet(outcome.requests());
        entries.addAndGet(outcome.entries());
        if (outcome.unexpectedStatus() != 0) {
            errors.incrementAndGet();
            if (outcome.unexpectedStatus() >= 500) {
                serverErrors.incrementAndGet();
            }
            errorStatuses.computeIfAbsent(outcome.unexpectedStatus(), s -> new AtomicLong()).incrementAndGet();
            firstError.compareAndSet(null, outcome.unexpectedStatus() + " " + outcome.detail());
        }
    }

    private Result result(String mode, double seconds, List<Latencies> recorders) {
        Map<Integer, Long> statuses = new TreeMap<>();
        errorStatuses.forEach((status, n) -> statuses.put(status, n.get()));
        return new Result(scenario, mode, seconds, iterations.get(), requests.get(), entries.get(), errors.get(),
                serverErrors.get(), statuses, firstError.get(), Latencies.summarise(recorders));
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }
}
