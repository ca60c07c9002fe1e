package nl.gezinscoaching.study;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run on the terminal (standard error, so the output files or pipes stay clean): events
 * done, rate, and the time left when the total is known. At most a few updates a second.
 */
final class Progress {

    private final PrintStream terminal;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long lastShown;
    private long done;

    Progress(PrintStream terminal, String what, long total) {
        this.terminal = terminal;
        this.what = what;
        this.total = total;
    }

    void step() {
        done++;
        if ((done & 1023) == 0) {
            long now = System.nanoTime();
            if (now - lastShown > 250_000_000L) {
                lastShown = now;
                show(false);
            }
        }
    }

    /** Adds this many events at once (a step done elsewhere, such as a DuckDB query). */
    void add(long events) {
        done += events;
        show(false);
    }

    /** Says what a long step is doing now. */
    void phase(String what) {
        terminal.print(String.format(Locale.ROOT, "\r%s (%.1f s): %s...    ", this.what,
                (System.nanoTime() - started) / 1e9, what));
        terminal.flush();
    }

    long done() {
        return done;
    }

    double perSecond() {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    void finish() {
        show(true);
    }

    private void show(boolean last) {
        double rate = perSecond();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "\r%s: %,d events", what, done));
        if (total > 0 && !last) {
            line.append(String.format(Locale.ROOT, " of at most %,d", total));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f events/s", rate));
        if (total > 0 && !last && rate > 0) {
            long left = (long) (Math.max(0, total - done) / rate);
            line.append(String.format(Locale.ROOT, ", at most %d:%02d left", left / 60, left % 60));
        }
        if (last) {
            line.append(String.format(Locale.ROOT, " in %.1f s", (System.nanoTime() - started) / 1e9));
        }
        terminal.print(line + "    " + (last ? "\n" : ""));
        terminal.flush();
    }
}
