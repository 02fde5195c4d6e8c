package org.timeledger.bench;

import org.timeledger.bench.Bench.Options;
import org.timeledger.bench.Bench.StoreRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's report: a Markdown table for people and docs/performance.md, the same figures as
 * JSON for tools. The goals in docs/performance.md are stated next to the figures, met or missed: the
 * report judges, it never fails the run over a figure.
 */
final class Report {
    private final Options options;
    private final List<StoreRun> runs;

    Report(Options options, List<StoreRun> runs) {
        this.options = options;
        this.runs = runs;
    }

    /** A goal, the figure measured against it, and whether it was met. */
    record Goal(String what, String figure, String target, boolean met) {
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(machine()).append(".\nService JVM options: ")
                .append(String.join(" ", options.serverOptions()).replaceAll("=\\S*/", "=…/")).append('\n');
        out.append(String.format(Locale.ROOT, "Each scenario: %.0f s measured, after a warm-up pass of %.0f s through each and 1 s of its own; closed loop with %d "
                + "clients unless marked open; %d members.%s%n%n", options.seconds(), options.warmup(), options.clients(),
                options.members(), options.smoke() ? " SMOKE RUN: the figures prove the benchmark runs and mean nothing." : ""));
        out.append("| store | scenario | req/s | entries/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | ÷ HTTP ceiling | ÷ JDBC ceiling |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (StoreRun run : runs) {
            double http = rate(run, "http-ceiling");
            double jdbc = rate(run, "jdbc-ceiling");
            for (Map.Entry<String, Load.Result> e : run.results().entrySet()) {
                Load.Result r = e.getValue();
                boolean ceiling = e.getKey().endsWith("ceiling");
                out.append(String.format(Locale.ROOT, "| %s | %s%s | %.0f | %s | %.2f | %.2f | %.2f | %.1f | %d | %s | %s |%n",
                        run.store(), r.scenario(), r.mode().startsWith("open") ? " (" + r.mode() + ")" : "",
                        r.requestsPerSecond(), r.entries() == 0 ? "" : String.format(Locale.ROOT, "%.0f", r.entriesPerSecond()),
                        r.latency().p50Ms(), r.latency().p99Ms(), r.latency().p999Ms(), r.latency().maxMs(), r.errors(),
                        ceiling || e.getKey().startsWith("jdbc") ? "" : percent(r.requestsPerSecond() / http),
                        e.getKey().equals("gift") ? percent(r.iterationsPerSecond() / jdbc) : ""));
            }
        }
        out.append("\n| store | start to first request | restart with data | peak RSS | deadlocks | books after the run |\n");
        out.append("|---|--:|--:|--:|--:|---|\n");
        for (StoreRun run : runs) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %d MiB | %d | %s |%n", run.store(),
                    run.startupMillis() / 1000.0, run.restartMillis() / 1000.0, run.peakRssMiB(), run.deadlocks(),
                    run.balanced() ? "balanced" : "NOT BALANCED: " + run.reconciliation()));
        }
        out.append("\n| goal | measured | target | |\n|---|--:|--:|---|\n");
        for (Goal g : goals()) {
            out.append("| ").append(g.what()).append(" | ").append(g.figure()).append(" | ").append(g.target()).append(" | ")
                    .append(options.smoke() ? "not judged (smoke)" : g.met() ? "met" : "**missed**").append(" |\n");
        }
        return out.toString();
    }

    List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        StoreRun pg = run("postgres");
        StoreRun h2 = run("h2");
        if (pg != null) {
            double ratio = rate(pg, "gift") / rate(pg, "jdbc-ceiling");
            goals.add(new Goal("PostgreSQL gifts ÷ raw JDBC ceiling", percent(ratio), "≥ 50%", ratio >= 0.5));
            earnGoal(goals, pg, "earn", "PostgreSQL earn, one entry per request, one ISSUANCE account (before)");
            earnGoal(goals, pg, "earn-spread", "PostgreSQL earn, one entry per request, 16 ISSUANCE accounts (after)");
            earnGoal(goals, pg, "earn-register-20", "PostgreSQL earn in registers of 20, one ISSUANCE account, 16 clients");
            earnGoal(goals, pg, "earn-register-10-by-4", "PostgreSQL earn in registers of 10, 16 ISSUANCE accounts, 4 clients");
        }
        if (pg != null && h2 != null) {
            goals.add(new Goal("H2 gifts ÷ PostgreSQL gifts", percent(rate(h2, "gift") / rate(pg, "gift")), "≥ 100%",
                    rate(h2, "gift") >= rate(pg, "gift")));
        }
        for (StoreRun run : runs) {
            perStore(goals, run);
        }
        return goals;
    }

    private static void earnGoal(List<Goal> goals, StoreRun pg, String scenario, String what) {
        Load.Result earn = pg.results().get(scenario);
        goals.add(new Goal(what, String.format(Locale.ROOT, "%.0f entries/s, p99 %.1f ms, %d 5xx, %d deadlocks in the run",
                earn.entriesPerSecond(), earn.latency().p99Ms(), earn.serverErrors(), pg.deadlocks()),
                "≥ 1,000/s, p99 < 50 ms, none", earn.entriesPerSecond() >= 1000 && earn.latency().p99Ms() < 50
                        && earn.serverErrors() == 0 && pg.deadlocks() == 0));
    }

    private void perStore(List<Goal> goals, StoreRun run) {
        String s = run.store() + ": ";
        double tillCost = rate(run, "gift") / rate(run, "till");
        goals.add(new Goal(s + "a hold and its capture, in gifts", String.format(Locale.ROOT, "%.2f×", tillCost), "≤ 2.5×",
                tillCost <= 2.5));
        double replayCost = rate(run, "gift") / rate(run, "replay");
        goals.add(new Goal(s + "a replay, in fresh gifts", String.format(Locale.ROOT, "%.2f×", replayCost), "≤ 0.5×",
                replayCost <= 0.5));
        double giftP99 = run.results().get("gift-70%").latency().p99Ms();
        goals.add(new Goal(s + "gift p99 at 70% of peak (open loop)", String.format(Locale.ROOT, "%.1f ms", giftP99),
                "≤ 20 ms", giftP99 <= 20));
        double readP99 = run.results().get("read-70%").latency().p99Ms();
        goals.add(new Goal(s + "GET /v1/me p99 at 70% of peak (open loop)", String.format(Locale.ROOT, "%.1f ms", readP99),
                "≤ 5 ms", readP99 <= 5));
        goals.add(new Goal(s + "server peak RSS", run.peakRssMiB() + " MiB", "≤ 512 MiB", run.peakRssMiB() <= 512));
        if (run.store().equals("h2")) {
            goals.add(new Goal(s + "start to first served request", String.format(Locale.ROOT, "%.2f s",
                    run.startupMillis() / 1000.0), "≤ 3 s", run.startupMillis() <= 3000));
        }
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n  \"machine\": ").append(quote(machine()));
        out.append(String.format(Locale.ROOT, ",%n  \"seconds\": %s, \"warmupSeconds\": %s, \"clients\": %d, \"members\": %d, "
                + "\"smoke\": %s,%n  \"stores\": [", options.seconds(), options.warmup(), options.clients(), options.members(),
                options.smoke()));
        for (int i = 0; i < runs.size(); i++) {
            StoreRun run = runs.get(i);
            out.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "    {\"store\": %s, \"startupMillis\": %d, "
                    + "\"restartMillis\": %d, \"peakRssMiB\": %d, \"deadlocks\": %d, \"balanced\": %s, \"scenarios\": [",
                    quote(run.store()), run.startupMillis(), run.restartMillis(), run.peakRssMiB(), run.deadlocks(), run.balanced()));
            int j = 0;
            for (Map.Entry<String, Load.Result> e : run.results().entrySet()) {
                Load.Result r = e.getValue();
                out.append(j++ == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "      {\"name\": %s, \"description\": %s, "
                        + "\"mode\": %s, \"requestsPerSecond\": %.1f, \"iterationsPerSecond\": %.1f, \"entriesPerSecond\": %.1f, "
                        + "\"p50Ms\": %.3f, \"p99Ms\": %.3f, \"p999Ms\": %.3f, \"maxMs\": %.3f, \"meanMs\": %.3f, "
                        + "\"errors\": %d, \"serverErrors\": %d, \"firstError\": %s}",
                        quote(e.getKey()), quote(r.scenario()), quote(r.mode()), r.requestsPerSecond(), r.iterationsPerSecond(),
                        r.entriesPerSecond(), r.latency().p50Ms(), r.latency().p99Ms(), r.latency().p999Ms(),
                        r.latency().maxMs(), r.latency().meanMs(), r.errors(), r.serverErrors(),
                        r.firstError() == null ? "null" : quote(Bench.abbreviate(r.firstError()))));
            }
            out.append("\n    ]}");
        }
        out.append("\n  ],\n  \"goals\": [");
        List<Goal> goals = goals();
        for (int i = 0; i < goals.size(); i++) {
            Goal g = goals.get(i);
            out.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "    {\"goal\": %s, \"measured\": %s, "
                    + "\"target\": %s, \"met\": %s}", quote(g.what()), quote(g.figure()), quote(g.target()), g.met()));
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private StoreRun run(String store) {
        return runs.stream().filter(r -> r.store().equals(store)).findFirst().orElse(null);
    }

    private static double rate(StoreRun run, String scenario) {
        return run.results().get(scenario).iterationsPerSecond();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (Exception e) {
            // not Linux
        }
        long memoryGiB = -1;
        try {
            memoryGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024).findFirst().orElse(-1L);
        } catch (Exception e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s, %d cores, %d GiB, Java %s, load generator on the same machine", cpu,
                Runtime.getRuntime().availableProcessors(), memoryGiB, System.getProperty("java.version"));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
