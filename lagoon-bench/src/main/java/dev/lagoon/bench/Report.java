package dev.lagoon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns JMH CSV result files ({@code -rf csv}) into Markdown tables: for every benchmark, one
 * row per pool and one column per configuration (threads and parameters other than
 * {@code pool}), with throughput and its 99.9% error, bytes allocated per operation (from
 * {@code -prof gc}), and Lagoon's throughput divided by each other pool's. Files named
 * {@code SUITE-anything.csv} (as {@code run.sh} writes them) are grouped by {@code SUITE}.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.lagoon.bench.Report results/DIR/*.csv
 * java -cp target/benchmarks.jar dev.lagoon.bench.Report results/DIR      (every .csv in it)
 * </pre>
 */
public final class Report {

    private static final String LAGOON = "lagoon";

    /** One measured cell. */
    private record Cell(double score, double error, String unit) {
    }

    /** A benchmark's results: configuration column, then pool, then metric. */
    private static final class Bench {
        final Map<String, Map<String, Cell>> throughput = new TreeMap<>(Report::compareColumns);
        final Map<String, Map<String, Cell>> bytesPerOp = new TreeMap<>(Report::compareColumns);
        final Set<String> pools = new LinkedHashSet<>();
    }

    private Report() {
    }

    /**
     * Prints the report for the given CSV files or directories.
     *
     * @param args CSV files, or directories whose {@code .csv} files are read
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report FILE.csv|DIR ...");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".csv")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        Map<String, Bench> benches = new LinkedHashMap<>();
        for (Path f : files) {
            read(f, benches);
        }
        StringBuilder out = new StringBuilder();
        benches.forEach((name, bench) -> render(name, bench, out));
        System.out.print(out);
    }

    private static void read(Path file, Map<String, Bench> benches) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // run.sh names files SUITE-tN....csv; runs of one suite share a table
        String fileName = file.getFileName().toString();
        String suite = fileName.contains("-") ? fileName.substring(0, fileName.indexOf('-'))
                : fileName.replace(".csv", "");
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = parseCsvLine(lines.get(0));
        int iBench = header.indexOf("Benchmark");
        int iThreads = header.indexOf("Threads");
        int iScore = header.indexOf("Score");
        int iError = header.indexOf("Score Error (99.9%)");
        int iUnit = header.indexOf("Unit");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = parseCsvLine(line);
            String full = row.get(iBench).replace("\u00b7", "");
            String metric = "";
            int colon = full.indexOf(':');
            if (colon >= 0) {
                metric = full.substring(colon + 1);
                full = full.substring(0, colon);
            }
            if (!metric.isEmpty() && !metric.equals("gc.alloc.rate.norm")) {
                continue;
            }
            String pool = "-";
            StringBuilder column = new StringBuilder().append(row.get(iThreads)).append(" thr");
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                if (h.startsWith("Param: ")) {
                    String param = h.substring(7);
                    String value = i < row.size() ? row.get(i) : "";
                    if (param.equals("pool")) {
                        pool = value;
                    } else if (!value.isEmpty()) {
                        column.append(", ").append(param).append('=').append(value);
                    }
                }
            }
            String shortName = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
            Bench b = benches.computeIfAbsent(suite + ": " + shortName, k -> new Bench());
            b.pools.add(pool);
            Cell cell = new Cell(number(row.get(iScore)), number(row.get(iError)), row.get(iUnit));
            (metric.isEmpty() ? b.throughput : b.bytesPerOp)
                    .computeIfAbsent(column.toString(), k -> new LinkedHashMap<>()).put(pool, cell);
        }
    }

    private static void render(String name, Bench b, StringBuilder out) {
        List<String> columns = new ArrayList<>(b.throughput.keySet());
        String unit = b.throughput.values().stream().flatMap(m -> m.values().stream()).map(Cell::unit)
                .findFirst().orElse("");
        out.append("#### ").append(name).append(" — throughput (").append(unit).append(", ± 99.9% error)\n\n");
        header(columns, out);
        for (String pool : b.pools) {
            out.append("| ").append(pool);
            for (String c : columns) {
                Cell cell = b.throughput.getOrDefault(c, Map.of()).get(pool);
                out.append(" | ").append(cell == null ? "" : format(cell.score()) + " ± " + format(cell.error()));
            }
            out.append(" |\n");
        }
        if (!b.bytesPerOp.isEmpty()) {
            out.append("\n#### ").append(name).append(" — bytes allocated per operation (gc.alloc.rate.norm, B/op)\n\n");
            header(columns, out);
            for (String pool : b.pools) {
                out.append("| ").append(pool);
                for (String c : columns) {
                    Cell cell = b.bytesPerOp.getOrDefault(c, Map.of()).get(pool);
                    out.append(" | ").append(cell == null ? "" : bytes(cell.score()));
                }
                out.append(" |\n");
            }
        }
        if (b.pools.contains(LAGOON) && b.pools.size() > 1) {
            out.append("\n#### ").append(name).append(" — Lagoon's throughput divided by each pool's\n\n");
            header(columns, out);
            for (String pool : b.pools) {
                if (pool.equals(LAGOON)) {
                    continue;
                }
                out.append("| lagoon / ").append(pool);
                for (String c : columns) {
                    Map<String, Cell> m = b.throughput.getOrDefault(c, Map.of());
                    Cell l = m.get(LAGOON);
                    Cell o = m.get(pool);
                    out.append(" | ").append(l == null || o == null || o.score() == 0 ? ""
                            : String.format(Locale.ROOT, "%.2fx", l.score() / o.score()));
                }
                out.append(" |\n");
            }
        }
        out.append('\n');
    }

    private static void header(List<String> columns, StringBuilder out) {
        out.append("| pool");
        columns.forEach(c -> out.append(" | ").append(c));
        out.append(" |\n|---");
        columns.forEach(c -> out.append("|---:"));
        out.append("|\n");
    }

    /** Orders columns by thread count, then by the rest of the text. */
    private static int compareColumns(String a, String b) {
        int ta = Integer.parseInt(a.substring(0, a.indexOf(' ')));
        int tb = Integer.parseInt(b.substring(0, b.indexOf(' ')));
        return ta != tb ? Integer.compare(ta, tb) : a.compareTo(b);
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String bytes(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < 0.1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double number(String s) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("NaN")) {
            return Double.NaN;
        }
        return Double.parseDouble(s.replace(",", "."));
    }

    /** Splits one CSV line as JMH writes it (fields quoted, quotes doubled). */
    private static List<String> parseCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
