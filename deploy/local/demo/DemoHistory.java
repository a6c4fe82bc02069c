import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic tracker history in the generic NDJSON backfill format
 * (docs/contracts.md): three teams over two and a half years, every flow item type,
 * waiting and blocked time, items moved back to the backlog, reopens, cancellations
 * and work still in progress. Deterministic for a given seed.
 *
 * Run alone: java deploy/local/demo/DemoHistory.java [seed] > history.ndjson
 */
public class DemoHistory {

    record Team(String project, String prefix, double itemsPerDay, double[] typeShare) {
    }

    static final String[] TYPES = {"Story", "Bug", "Vulnerability", "Tech Debt"};
    static final String[] LABELS = {"checkout", "search", "payments", "onboarding", "accessibility", "performance"};

    public static void main(String[] args) throws IOException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42L;
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out))) {
            write(out, seed, end.minus(Duration.ofDays(900)), end);
        }
    }

    /** Writes the history from {@code start} up to {@code end}; returns the number of items. */
    public static int write(Writer out, long seed, Instant start, Instant end) throws IOException {
        Random random = new Random(seed);
        List<Team> teams = List.of(
                new Team("shop", "SHOP", 1.6, new double[] {0.55, 0.30, 0.05, 0.10}),
                new Team("mobile", "MOB", 1.1, new double[] {0.60, 0.28, 0.04, 0.08}),
                new Team("platform", "PLAT", 0.8, new double[] {0.30, 0.20, 0.20, 0.30}));
        int count = 0;
        for (Team team : teams) {
            int number = 0;
            for (Instant day = start; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
                int arrivals = poisson(random, team.itemsPerDay());
                for (int i = 0; i < arrivals; i++) {
                    number++;
                    Instant created = day.plusSeconds(8 * 3600 + random.nextInt(10 * 3600));
                    if (created.isAfter(end)) {
                        continue;
                    }
                    count++;
                    writeItem(out, random, team, team.prefix() + "-" + number, created, end);
                }
            }
        }
        return count;
    }

    private static void writeItem(Writer out, Random random, Team team, String id, Instant created, Instant end)
            throws IOException {
        String type = TYPES[pick(random, team.typeShare())];
        String label = LABELS[random.nextInt(LABELS.length)];
        out.write("{\"kind\":\"item\",\"id\":\"" + id + "\",\"project\":\"" + team.project() + "\",\"title\":\""
                + title(type, label, random) + "\",\"type\":\"" + type + "\",\"labels\":[\"" + label + "\"],\"createdAt\":\""
                + created + "\"}\n");
        List<String[]> moves = new ArrayList<>();
        moves.add(new String[] {created.toString(), "To Do"});
        Instant t = created.plus(hours(random, type.equals("Bug") ? 30 : 140));
        if (random.nextDouble() < 0.06) {
            // Dropped from the backlog before anyone started it.
            add(moves, t, "Won't Do", end);
            flush(out, id, moves);
            return;
        }
        add(moves, t, "In Progress", end);
        double scale = type.equals("Bug") ? 0.5 : type.equals("Tech Debt") ? 0.8 : 1.0;
        int steps = 1 + random.nextInt(3);
        for (int step = 0; step < steps; step++) {
            t = t.plus(hours(random, 40 * scale));
            double r = random.nextDouble();
            if (r < 0.18) {
                add(moves, t, "Blocked", end);
                t = t.plus(hours(random, 50));
                add(moves, t, "In Progress", end);
            } else if (r < 0.24) {
                // Deprioritised mid-flight, picked up again later.
                add(moves, t, "To Do", end);
                t = t.plus(hours(random, 120));
                add(moves, t, "In Progress", end);
            }
        }
        t = t.plus(hours(random, 30 * scale));
        add(moves, t, "In Review", end);
        t = t.plus(hours(random, 20));
        if (random.nextDouble() < 0.04) {
            add(moves, t, "Won't Do", end);
            flush(out, id, moves);
            return;
        }
        add(moves, t, "Done", end);
        if (random.nextDouble() < 0.07) {
            // Reopened after release, fixed again.
            t = t.plus(hours(random, 60));
            add(moves, t, "In Progress", end);
            t = t.plus(hours(random, 16));
            add(moves, t, "Done", end);
        }
        flush(out, id, moves);
    }

    private static void add(List<String[]> moves, Instant at, String status, Instant end) {
        if (at.isBefore(end)) {
            moves.add(new String[] {at.toString(), status});
        } else {
            moves.add(null); // the future: this item is still in its previous state
        }
    }

    private static void flush(Writer out, String id, List<String[]> moves) throws IOException {
        for (String[] move : moves) {
            if (move == null) {
                break;
            }
            out.write("{\"kind\":\"transition\",\"item\":\"" + id + "\",\"at\":\"" + move[0] + "\",\"status\":\""
                    + move[1] + "\"}\n");
        }
    }

    private static Duration hours(Random random, double meanHours) {
        // Exponential durations, a little floor so nothing happens in the same second.
        double h = -Math.log(1 - random.nextDouble()) * meanHours;
        return Duration.ofMinutes(30 + (long) (h * 60));
    }

    private static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static int pick(Random random, double[] shares) {
        double r = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            if (r < sum) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static String title(String type, String label, Random random) {
        String[] verbs = switch (type) {
            case "Bug" -> new String[] {"Fix", "Crash in", "Wrong totals in", "Timeout in"};
            case "Vulnerability" -> new String[] {"Patch CVE in", "Harden", "Rotate secrets for"};
            case "Tech Debt" -> new String[] {"Refactor", "Upgrade libraries of", "Remove dead code in"};
            default -> new String[] {"Improve", "New", "Redesign", "Personalise"};
        };
        return verbs[random.nextInt(verbs.length)] + " " + label;
    }
}
