package org.timeledger.bench;

import org.timeledger.bench.Api.Credentials;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The performance benchmark (docs/performance.md): for each store, starts the service's jar, seeds a scheme
 * of members holding credits, drives each scenario over HTTP, measures the two ceilings in the
 * same run, and reports. {@code scripts/bench} builds the jar and prepares PostgreSQL, then runs
 * this; see docs/performance.md.
 *
 * <pre>java -cp target/test-classes:target/timeledger.jar org.timeledger.bench.Bench [options]
 *   --stores h2,postgres    which stores, in order (default both)
 *   --pg-url URL --pg-user U --pg-password P    the PostgreSQL database to use (emptied beforehand by the caller)
 *   --seconds N --warmup N  seconds measured per scenario (default 5), and seconds per scenario of
 *                           the unmeasured warm-up pass through them all first (default 3)
 *   --long                  30 and 10 seconds instead
 *   --smoke                 half a second each, 100 members: proves the benchmark runs, judges nothing
 *   --clients N             closed-loop concurrency (default 16)
 *   --members N             members seeded (default 1000)
 *   --server-opts "..."     JVM options for the service (scripts/bench gives those of scripts/java-opts,
 *                           which scripts/run starts it with)
 *   --only a,b              only these scenarios (for profiling); the report then judges nothing</pre>
 */
public final class Bench {
    static final String ADMIN_PASSWORD = "bench-admin-password";

    record Options(List<String> stores, String pgUrl, String pgUser, String pgPassword, double seconds, double warmup,
                   boolean smoke, int clients, int members, List<String> serverOptions, Path jar, Path out, int port,
                   List<String> only) {
    }

    /** One store's figures. */
    record StoreRun(String store, long startupMillis, long restartMillis, long peakRssMiB, long deadlocks,
                    boolean balanced, String reconciliation, Map<String, Load.Result> results) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Files.createDirectories(options.out());
        List<StoreRun> runs = new ArrayList<>();
        for (String store : options.stores()) {
            System.err.println("== " + store);
            runs.add(new Bench().run(store, options));
        }
        Report report = new Report(options, runs);
        if (!options.only().isEmpty()) {
            System.err.println("(--only: no report)");
            System.exit(0);
        }
        System.out.println(report.markdown());
        Files.writeString(options.out().resolve("report.json"), report.json());
        Files.writeString(options.out().resolve("report.md"), report.markdown());
        System.err.println("written: " + options.out().resolve("report.json"));
        boolean broken = runs.stream().anyMatch(r -> !r.balanced());
        System.exit(broken ? 1 : 0);
    }

    private StoreRun run(String store, Options options) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TIMELEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // bcrypt at its cheapest, only so that 1,000 members can log in within seconds; no scenario logs in
        env.put("TIMELEDGER_BCRYPT_COST", "4");
        // one till key or member sends hundreds of requests a second here: the rate limits stay in
        // the path, as in production, but far above anything the load sends
        env.put("TIMELEDGER_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("TIMELEDGER_RATE_LIMIT_BURST", "1000000");
        String jdbcUrl;
        String jdbcUser;
        String jdbcPassword;
        Path workingDirectory = options.out().resolve(store);
        deleteRecursively(workingDirectory);
        if (store.equals("postgres")) {
            jdbcUrl = options.pgUrl();
            jdbcUser = options.pgUser();
            jdbcPassword = options.pgPassword();
            env.put("DATASOURCES_DEFAULT_URL", jdbcUrl);
            env.put("DATASOURCES_DEFAULT_USERNAME", jdbcUser);
            env.put("DATASOURCES_DEFAULT_PASSWORD", jdbcPassword);
        } else {
            jdbcUrl = "jdbc:h2:file:" + workingDirectory.toAbsolutePath().resolve("data/timeledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
            jdbcUser = "sa";
            jdbcPassword = "";
        }
        Path log = options.out().resolve("server-" + store + ".log");
        Files.deleteIfExists(log);
        Map<String, Load.Result> results = new java.util.LinkedHashMap<>();
        long startup;
        long peakRss;
        long deadlocksBefore = deadlocks(store, jdbcUrl, jdbcUser, jdbcPassword);
        try (ServerProcess server = ServerProcess.start(options.jar(), options.serverOptions(), env, workingDirectory, log,
                options.port())) {
            startup = server.startupMillis();
            System.err.println("started in " + startup + " ms; seeding " + options.members() + " members");
            Api api = new Api("http://localhost:" + options.port());
            Seeder.Fixture fixture = new Seeder(api).seed(ADMIN_PASSWORD, options.members(), 10);
            drive(new Scenarios(api, fixture), options, results);
            peakRss = server.peakRssMiB();
        }
        if (options.only().isEmpty() || options.only().contains("jdbc-ceiling")) {
            System.err.println("gift over JDBC, no service");
            results.put("jdbc-ceiling", JdbcCeiling.of(jdbcUrl, jdbcUser, jdbcPassword)
                    .run(options.clients(), options.warmup(), options.seconds()));
        }
        long deadlocks = deadlocks(store, jdbcUrl, jdbcUser, jdbcPassword) - deadlocksBefore;
        // the restart only checks the books: a profiling recording, if asked for, stays the first run's
        List<String> restartOptions = options.serverOptions().stream().filter(o -> !o.startsWith("-XX:StartFlightRecording")).toList();
        try (ServerProcess server = ServerProcess.start(options.jar(), restartOptions, env, workingDirectory, log,
                options.port())) {
            Api api = new Api("http://localhost:" + options.port());
            String admin = Api.field(api.post("/login", Api.json("username", "admin", "password", ADMIN_PASSWORD),
                    Credentials.NONE, null).body(), "access_token");
            HttpResponse<String> check = api.get("/v1/schemes/" + Seeder.SCHEME + "/reconciliation",
                    Credentials.token(admin), null);
            boolean balanced = check.statusCode() == 200 && check.body().contains("\"balanced\":true");
            if (store.equals("h2")) {
                deadlocks = countInLog(log, "deadlock");
            }
            return new StoreRun(store, startup, server.startupMillis(), peakRss, deadlocks, balanced,
                    check.body().length() > 300 ? check.body().substring(0, 300) : check.body(), results);
        }
    }

    /**
     * A closed-loop scenario. Its action is made afresh for each pass, because some read state
     * first (the ETags to send, the gifts to replay) that the passes before it changed.
     */
    private record Closed(String name, String description, ActionSource action, int clients) {
        Closed(String name, String description, ActionSource action) {
            this(name, description, action, 0);
        }
    }

    private interface ActionSource {
        Load.Action get() throws Exception;
    }

    private static List<Closed> closedLoop(Scenarios scenarios) {
        return List.of(
                new Closed("http-ceiling", "GET /health/liveness", scenarios::httpCeiling),
                new Closed("read", "GET /v1/me", scenarios::read),
                new Closed("read-304", "GET /v1/me, If-None-Match", scenarios::readUnchanged),
                new Closed("gift", "gift", scenarios::gift),
                new Closed("replay", "gift replayed", () -> scenarios.replay(200)),
                new Closed("till", "till hold + capture", scenarios::till),
                new Closed("earn", "earn, one per request", () -> scenarios.earn(1, false)),
                new Closed("earn-spread", "earn, one per request, 16 ISSUANCE accounts", () -> scenarios.earn(1, true)),
                new Closed("earn-register-20", "earn, registers of 20", () -> scenarios.earn(20, false)),
                // a handful of coordinators uploading registers at once, as a council's Monday morning
                new Closed("earn-register-10-by-4", "earn, registers of 10, 4 coordinators, 16 ISSUANCE accounts",
                        () -> scenarios.earn(10, true), 4));
    }

    private static void drive(Scenarios scenarios, Options options, Map<String, Load.Result> results) throws Exception {
        double seconds = options.seconds();
        // On two cores the JIT compiler needs some 30 s of load before the server runs at full
        // speed: a first pass through every scenario warms it, unmeasured, so that the scenario
        // measured first is not penalised; each measured run then has a short warm-up of its own.
        double warmup = Math.min(1, options.warmup());
        List<Closed> selected = closedLoop(scenarios).stream()
                .filter(c -> options.only().isEmpty() || options.only().contains(c.name())).toList();
        for (Closed c : selected) {
            Load.closed(c.description(), c.action().get(), clients(c, options), 0, options.warmup());
        }
        for (Closed c : selected) {
            measure(results, c.name(), Load.closed(c.description(), c.action().get(), clients(c, options), warmup, seconds));
        }
        if (results.containsKey("gift")) {
            double rate = 0.7 * results.get("gift").iterationsPerSecond();
            measure(results, "gift-70%", Load.open("gift at 70% of peak", scenarios.gift(), rate, warmup, seconds));
        }
        if (results.containsKey("read")) {
            double rate = 0.7 * results.get("read").iterationsPerSecond();
            measure(results, "read-70%", Load.open("GET /v1/me at 70% of peak", scenarios.read(), rate, warmup, seconds));
        }
    }

    private static int clients(Closed scenario, Options options) {
        return scenario.clients() == 0 ? options.clients() : Math.min(scenario.clients(), options.clients());
    }

    private static void measure(Map<String, Load.Result> results, String name, Load.Result result) {
        results.put(name, result);
        System.err.printf("%-18s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d%s%n", name, result.requestsPerSecond(),
                result.latency().p50Ms(), result.latency().p99Ms(), result.errors(),
                result.firstError() == null ? "" : "  first: " + abbreviate(result.firstError()));
    }

    /** Deadlocks PostgreSQL detected in this database so far; 0 for H2 (its log is read instead). */
    private static long deadlocks(String store, String url, String user, String password) throws Exception {
        if (!store.equals("postgres")) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long countInLog(Path log, String word) throws Exception {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains(word)).count();
        }
    }

    static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--long") || name.equals("--smoke")) {
                given.put(name, "true");
            } else if (name.startsWith("--") && i + 1 < args.length) {
                given.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + name + "; see the comment at the top of Bench.java");
            }
        }
        boolean smoke = given.containsKey("--smoke");
        boolean longer = given.containsKey("--long");
        double seconds = Double.parseDouble(given.getOrDefault("--seconds", smoke ? "0.5" : longer ? "30" : "5"));
        double warmup = Double.parseDouble(given.getOrDefault("--warmup", smoke ? "0.2" : longer ? "10" : "3"));
        String serverOptions = given.getOrDefault("--server-opts", "").trim();
        return new Options(Arrays.asList(given.getOrDefault("--stores", "h2,postgres").split(",")),
                given.get("--pg-url"), given.getOrDefault("--pg-user", "timeledger"),
                given.getOrDefault("--pg-password", ""), seconds, warmup, smoke,
                Integer.parseInt(given.getOrDefault("--clients", "16")),
                Integer.parseInt(given.getOrDefault("--members", smoke ? "100" : "1000")),
                serverOptions.isEmpty() ? List.of() : Arrays.asList(serverOptions.split("\\s+")),
                Path.of(given.getOrDefault("--jar", "target/timeledger.jar")),
                Path.of(given.getOrDefault("--out", "target/bench")),
                Integer.parseInt(given.getOrDefault("--port", "18280")),
                given.containsKey("--only") ? Arrays.asList(given.get("--only").split(",")) : List.of());
    }
}
