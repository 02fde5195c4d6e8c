package org.timeledger.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timeledger.bench.Api;
import org.timeledger.bench.Api.Credentials;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A bank test under crashes (scripts/chaos; docs/reliability.md, "Crashes"). Starts the service (one
 * instance on H2, or several sharing PostgreSQL), seeds members with floors, runs clients that
 * move credits in every way a member, coordinator or till can, kills an instance with SIGKILL
 * at random moments and starts it again, optionally restarts PostgreSQL itself mid-run, and
 * then checks the books: see {@link Checks}. Exits 1 if any check fails.
 */
public final class Chaos {
    static final String SCHEME = "chaos";
    static final String ADMIN_PASSWORD = "chaos-admin-password";
    static final long SEEDED_MINUTES = 240;
    static final long MEMBER_FLOOR_MINUTES = -120;
    /** What the clients' requests may be refused for: floors, races between tills, refunds past the capture. */
    static final java.util.Set<String> EXPECTED_REFUSALS = java.util.Set.of("insufficient_credits", "hold_not_open",
            "hold_expired", "refund_exceeds_captured");

    private final Map<String, String> options;

    private Chaos(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("run", "h2", "store", "h2", "instances", "1", "seconds", "120",
                "kills", "5", "clients", "8", "members", "50", "port", "18281", "seed", Long.toString(System.nanoTime())));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            options.put(name, name.equals("restart-postgres") ? "true" : args[++i]);
        }
        boolean passed;
        try {
            passed = new Chaos(options).run();
        } catch (Exception e) {
            // the run's own threads (clients, instances) must not keep a failed run alive
            e.printStackTrace();
            passed = false;
        }
        System.exit(passed ? 0 : 1);
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private boolean run() throws Exception {
        String name = options.get("run");
        boolean postgres = options.get("store").equals("postgres");
        int instances = number("instances");
        int seconds = number("seconds");
        long seed = Long.parseLong(options.get("seed"));
        Path out = Path.of("target", "chaos", name).toAbsolutePath();
        deleteTree(out);
        Files.createDirectories(out);
        System.out.printf("%n== chaos %s: %s, %d instance%s, %d s, %d kills%s, %d clients, %d members, seed %d%n", name,
                postgres ? "PostgreSQL" : "H2", instances, instances == 1 ? "" : "s", seconds, number("kills"),
                options.containsKey("restart-postgres") ? ", PostgreSQL restarted mid-run" : "", number("clients"),
                number("members"), seed);

        Map<String, String> env = new HashMap<>();
        env.put("TIMELEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("TIMELEDGER_JWT_SECRET", randomSecret());
        env.put("TIMELEDGER_BCRYPT_COST", "4");
        env.put("TIMELEDGER_DATABASE_STARTUP_WAIT", "120s");
        // eight clients sharing one administrator and two tills send far more than any person would
        env.put("TIMELEDGER_RATE_LIMIT_ENABLED", "false");
        if (postgres) {
            env.put("DATASOURCES_DEFAULT_URL", options.get("pg-url"));
            env.put("DATASOURCES_DEFAULT_USERNAME", options.get("pg-user"));
            env.put("DATASOURCES_DEFAULT_PASSWORD", options.get("pg-password"));
        }
        List<String> javaOptions = Arrays.stream(options.getOrDefault("server-opts", "").split("\\s+"))
                .filter(s -> !s.isBlank()).toList();

        Report report = new Report(name);
        long started = System.nanoTime();
        Traffic traffic;
        RequestLog log = new RequestLog(out.resolve("requests.jsonl"), started);
        JsonNode reconciliation;
        List<Fleet.Restart> restarts;
        try (Fleet fleet = new Fleet(Path.of(options.getOrDefault("jar", "target/timeledger.jar")), javaOptions, env, out,
                number("port"), instances)) {
            fleet.startAll();
            Api api = new Api(fleet.base(0));
            Traffic.Setup setup = seed(api, number("members"), 2);
            report.seeded = seededEntries.size();
            System.out.printf("seeded %d members holding %d minutes each (floor %d) in %.1f s%n", setup.members().size(),
                    SEEDED_MINUTES, MEMBER_FLOOR_MINUTES, (System.nanoTime() - started) / 1e9);

            long runStarted = System.nanoTime();
            AtomicBoolean stopping = new AtomicBoolean();
            traffic = new Traffic(setup, fleet, log, stopping);
            traffic.acknowledgedEntries.putAll(seededEntries);
            Traffic clientsOf = traffic;
            ExecutorService clients = Executors.newFixedThreadPool(number("clients"));
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < number("clients"); c++) {
                int client = c;
                running.add(clients.submit(() -> clientsOf.client(client, seed + client)));
            }
            Future<?> killer = Executors.newSingleThreadExecutor().submit(() -> kill(fleet, log, seconds, seed, runStarted));
            Future<?> databaseRestart = options.containsKey("restart-postgres")
                    ? Executors.newSingleThreadExecutor().submit(() -> restartPostgres(log, seconds, runStarted, report))
                    : null;
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            stopping.set(true);
            killer.get();
            if (databaseRestart != null) {
                databaseRestart.get();
            }
            clients.shutdown();
            if (!clients.awaitTermination(Traffic.GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
            for (Future<?> client : running) {
                try {
                    client.get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                         | java.util.concurrent.CancellationException e) {
                    traffic.neverAnswered.add("a client ended with " + e);
                }
            }
            report.runSeconds = (System.nanoTime() - runStarted) / 1e9;
            reconciliation = reconcile(api, setup.adminToken());
            for (int i = 0; i < fleet.size(); i++) {
                HttpResponse<String> ready = new Api(fleet.base(i)).get("/health/readiness", Credentials.NONE, null);
                report.readiness.add(ready.statusCode());
            }
            restarts = fleet.restarts();
        }
        log.close();

        List<Checks.Check> checks;
        try (Connection db = connect(postgres, out)) {
            checks = new Checks(db, SCHEME).run(reconciliation, traffic);
        }
        List<Checks.Check> all = new ArrayList<>(checks);
        all.add(new Checks.Check("no 5xx answer (503s are retried, not answers)", log.serverErrors.isEmpty(),
                log.serverErrors.isEmpty() ? "0" : log.serverErrors.toString()));
        java.util.Set<String> unexpected = new java.util.TreeSet<>(log.refusals.keySet());
        unexpected.removeAll(EXPECTED_REFUSALS);
        all.add(new Checks.Check("every refusal one the rules give", unexpected.isEmpty(),
                unexpected.isEmpty() ? "only " + new java.util.TreeSet<>(log.refusals.keySet()) : "also " + unexpected));
        boolean ready = report.readiness.stream().allMatch(s -> s == 200);
        all.add(new Checks.Check("every instance ready again with no manual step", ready, "readiness " + report.readiness));
        all.add(new Checks.Check("the kills happened", restarts.size() >= number("kills"),
                restarts.size() + " of " + number("kills")));
        return report.print(out, restarts, log, traffic, all);
    }

    /** A map from entry id to key for the credits issued while seeding: the clients asked for these too. */
    private final Map<String, String> seededEntries = new HashMap<>();

    private Traffic.Setup seed(Api api, int memberCount, int partners) throws Exception {
        String admin = Api.field(api.post("/login", Api.json("username", "admin", "password", ADMIN_PASSWORD),
                Credentials.NONE, null).body(), "access_token");
        Credentials as = Credentials.token(admin);
        String scheme = api.created("/v1/schemes", "{\"code\":\"" + SCHEME + "\",\"name\":\"Chaos timebank\","
                + "\"memberFloorMinutes\":" + MEMBER_FLOOR_MINUTES + "}", as);
        String issuance = Api.field(scheme, "issuanceAccountId");
        String organisation = Api.field(api.created("/v1/schemes/" + SCHEME + "/organisations",
                Api.json("name", "Chaos Community Centre"), as), "id");
        List<String> tills = new ArrayList<>();
        for (int p = 0; p < partners; p++) {
            String partner = Api.field(api.created("/v1/schemes/" + SCHEME + "/partners", Api.json("name", "Venue " + (p + 1)), as), "id");
            tills.add(Api.field(api.created("/v1/partners/" + partner + "/api-keys", Api.json("label", "till"), as), "key"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Traffic.Member>> futures = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            int n = i;
            futures.add(pool.submit(() -> member(api, as, n, issuance)));
        }
        List<Traffic.Member> members = new ArrayList<>();
        for (Future<Traffic.Member> f : futures) {
            members.add(f.get());
        }
        pool.shutdown();
        return new Traffic.Setup(SCHEME, admin, organisation, members, tills);
    }

    private Traffic.Member member(Api api, Credentials as, int n, String issuance) throws Exception {
        String reply = api.created("/v1/schemes/" + SCHEME + "/members", Api.json("displayName", "Member " + n), as);
        String token = api.activateAndLogIn(reply, String.format("chaos%03d", n), "chaos-password-" + n);
        String account = Api.field(reply, "accountId");
        String key = Api.newKey();
        HttpResponse<String> issued = api.post("/v1/schemes/" + SCHEME + "/transfers", "{\"type\":\"ADJUSTMENT\",\"fromAccountId\":\""
                + issuance + "\",\"toAccountId\":\"" + account + "\",\"amountMinutes\":" + SEEDED_MINUTES + "}", as, key);
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("issuing credits answered " + issued.statusCode() + ": " + issued.body());
        }
        synchronized (seededEntries) {
            seededEntries.put(Api.field(issued.body(), "id"), key);
        }
        return new Traffic.Member(Api.field(reply, "id"), account, Api.field(reply, "cardNumber"), token);
    }

    /** The kills, spread over the run: one at a random moment in each equal slice of it, the instances in turn. */
    private Void kill(Fleet fleet, RequestLog log, int seconds, long seed, long runStarted) throws Exception {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int kills = number("kills");
        double slice = (double) seconds / kills;
        int first = random.nextInt(fleet.size());
        for (int k = 0; k < kills; k++) {
            double at = slice * k + slice * (0.15 + 0.6 * random.nextDouble());
            long wait = runStarted + (long) (at * 1e9) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
            int instance = (first + k) % fleet.size(); // in turn, so every instance is killed
            log.note("kill", "SIGKILL to instance " + (instance + 1));
            fleet.killAndRestart(instance, runStarted);
            log.note("restarted", "instance " + (instance + 1) + " answers again");
        }
        return null;
    }

    private Void restartPostgres(RequestLog log, int seconds, long runStarted, Report report) throws Exception {
        long wait = runStarted + TimeUnit.SECONDS.toNanos(seconds) / 2 - System.nanoTime();
        Thread.sleep(Math.max(0, wait / 1_000_000));
        log.note("postgres", "pg_ctlcluster 15 main restart");
        long began = System.nanoTime();
        Process restart = new ProcessBuilder("pg_ctlcluster", "15", "main", "restart").inheritIO().start();
        if (restart.waitFor() != 0) {
            throw new IllegalStateException("pg_ctlcluster 15 main restart failed");
        }
        report.postgresRestartAt = (began - runStarted) / 1e9;
        report.postgresRestartSeconds = (System.nanoTime() - began) / 1e9;
        log.note("postgres", "restarted");
        return null;
    }

    private static JsonNode reconcile(Api api, String adminToken) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> reply = api.get("/v1/schemes/" + SCHEME + "/reconciliation", Credentials.token(adminToken), null);
            if (reply.statusCode() == 200) {
                return Traffic.JSON.readTree(reply.body());
            }
            if (attempt == 30) {
                throw new IllegalStateException("reconciliation answered " + reply.statusCode() + ": " + reply.body());
            }
            Thread.sleep(1000);
        }
    }

    private Connection connect(boolean postgres, Path out) throws Exception {
        if (postgres) {
            return DriverManager.getConnection(options.get("pg-url"), options.get("pg-user"), options.get("pg-password"));
        }
        // the service has stopped: its H2 file is free to open
        return DriverManager.getConnection("jdbc:h2:file:" + out.resolve("data/timeledger")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ACCESS_MODE_DATA=r", "sa", "");
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** What the run did and what it found, printed and kept in target/chaos/NAME/report.json. */
    static final class Report {
        final String name;
        double runSeconds;
        int seeded;
        double postgresRestartAt = -1;
        double postgresRestartSeconds;
        final List<Integer> readiness = new ArrayList<>();

        Report(String name) {
            this.name = name;
        }

        boolean print(Path out, List<Fleet.Restart> restarts, RequestLog log, Traffic traffic, List<Checks.Check> checks)
                throws IOException {
            StringBuilder text = new StringBuilder();
            for (Fleet.Restart r : restarts) {
                text.append(String.format("kill -9 instance %d at %.1f s: answering again %.1f s later%n", r.instance() + 1,
                        r.killedAtMillis() / 1e3, r.downMillis() / 1e3));
            }
            if (postgresRestartAt >= 0) {
                text.append(String.format("PostgreSQL restarted at %.1f s (pg_ctlcluster took %.1f s)%n", postgresRestartAt,
                        postgresRestartSeconds));
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            log.finalStatuses.forEach((s, n) -> statuses.put(s, n.get()));
            long serverErrors = log.serverErrors.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum();
            text.append(String.format("requests: %d answered in %.1f s %s; %d attempts: %d without a reply (connection "
                            + "refused or cut, timeout), %d answered 503, %d answered 409 in flight; %d replays; 5xx "
                            + "answers other than 503: %d%n", log.requests.get(), runSeconds, statuses, log.attempts.get(),
                    log.connectionFailures.get(), log.unavailable.get(), log.inFlight.get(), log.replayed.get(), serverErrors));
            Map<String, Long> refused = new TreeMap<>();
            log.refusals.forEach((c, n) -> refused.put(c, n.get()));
            text.append("refused by the rules, as they should be: ").append(refused).append('\n');
            text.append(String.format("entries acknowledged: %d (%d while seeding); holds acknowledged: %d%n",
                    traffic.acknowledgedEntries.size(), seeded,
                    traffic.acknowledgedHolds.size()));
            boolean passed = true;
            for (Checks.Check c : checks) {
                text.append(String.format("[%s] %s: %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.detail()));
                passed &= c.passed();
            }
            text.append(passed ? "chaos " + name + ": all checks passed\n" : "chaos " + name + ": CHECKS FAILED\n");
            System.out.print(text);
            Files.writeString(out.resolve("report.txt"), text);

            ObjectNode json = Traffic.JSON.createObjectNode();
            json.put("run", name).put("seconds", runSeconds).put("kills", restarts.size())
                    .put("postgresRestarted", postgresRestartAt >= 0).put("requests", log.requests.get())
                    .put("attempts", log.attempts.get()).put("withoutReply", log.connectionFailures.get())
                    .put("answered503", log.unavailable.get()).put("serverErrors", serverErrors)
                    .put("entries", traffic.acknowledgedEntries.size()).put("holds", traffic.acknowledgedHolds.size())
                    .put("passed", passed);
            json.putPOJO("maxDownSeconds", restarts.stream().mapToLong(Fleet.Restart::downMillis).max().orElse(0) / 1e3);
            Files.writeString(out.resolve("report.json"), json.toPrettyString());
            return passed;
        }
    }
}
