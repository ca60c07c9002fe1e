package nl.gezinscoaching.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded by one thread each and merged afterwards. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    int count() {
        return size;
    }

    /** The q-quantile in milliseconds; call on a merged (sorted) instance. */
    double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return values[Math.max(0, index)] / 1_000_000.0;
    }
}
