package org.timeledger.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies in microseconds, recorded by one thread each and merged at the end of a run. */
final class Latencies {
    private long[] values = new long[4096];
    private int size;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    int size() {
        return size;
    }

    /** The percentiles a report shows, over all the recorders' values together. */
    record Summary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {
    }

    static Summary summarise(List<Latencies> recorders) {
        int total = recorders.stream().mapToInt(Latencies::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies r : recorders) {
            System.arraycopy(r.values, 0, all, at, r.size);
            at += r.size;
        }
        if (total == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        Arrays.sort(all);
        double sum = 0;
        for (long v : all) {
            sum += v;
        }
        return new Summary(total, ms(percentile(all, 0.50)), ms(percentile(all, 0.99)), ms(percentile(all, 0.999)),
                ms(all[total - 1]), sum / total / 1000.0);
    }

    /** The nearest-rank percentile: the smallest value with at least that share of values at or below it. */
    static long percentile(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
