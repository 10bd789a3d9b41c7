package idlens.neo4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j Community server for IdLens's tests and demo, in-process through
 * the test harness: Bolt only (no HTTP), on 127.0.0.1, authentication on, the
 * {@code neo4j} user's password set to a known value.
 *
 * <p>Protocol with its parent: exactly one line on stdout,
 * {@code NEO4J READY bolt://127.0.0.1:PORT}, once the server accepts
 * authenticated sessions; everything else goes to stderr. It stops (the
 * database closed, its directory removed) when stdin reaches EOF or on SIGTERM.
 *
 * <pre>
 * --port N            Bolt port, 0 (default) picks a free one
 * --password P        the neo4j user's password (or env NEO4J_PASSWORD; at least 8 characters)
 * --data DIR          where to make the server's directory (default: the system temp dir)
 * --seed-csv FILE     create nodes from a CSV with a header row (one property per column)
 * --label L           their label (default User)
 * --id-property P     the id column (default sub): rows without it are refused
 * --unique-constraint create a uniqueness constraint on L.P first
 * </pre>
 */
public final class Launcher {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int SEED_BATCH = 10_000;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        PrintStream ready = System.out;
        System.setOut(System.err); // the READY line is the only stdout output
        Options options = Options.parse(args);
        long started = System.nanoTime();

        // A directory of our own (inside --data when given), removed on exit.
        Path work;
        if (options.data == null) {
            work = Files.createTempDirectory("idlens-neo4j-");
        } else {
            Files.createDirectories(options.data);
            work = Files.createTempDirectory(options.data, "neo4j-");
        }
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", options.port))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        Stopper stopper = new Stopper(neo4j, work);
        Runtime.getRuntime().addShutdownHook(new Thread(stopper::stop, "neo4j-stop"));

        setPassword(neo4j, options.password);
        GraphDatabaseService db = neo4j.defaultDatabaseService();
        if (options.uniqueConstraint) {
            createConstraint(db, options.label, options.idProperty);
        }
        if (options.seedCsv != null) {
            long rows = seed(db, options.seedCsv, options.label, options.idProperty);
            System.err.printf("seeded %d :%s nodes from %s%n", rows, options.label, options.seedCsv);
        }
        System.err.printf("started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        ready.println("NEO4J READY bolt://127.0.0.1:" + neo4j.boltURI().getPort());
        ready.flush();

        waitForEof(System.in);
        stopper.stop();
        System.exit(0);
    }

    /** The initial neo4j/neo4j user must change its password: set it once, no change required. */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system = neo4j.databaseManagementService().database("system");
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    }

    private static void createConstraint(GraphDatabaseService db, String label, String property) {
        // 5.x syntax; this server is always 5.26.
        db.executeTransactionally(String.format(
                "CREATE CONSTRAINT IF NOT EXISTS FOR (n:`%s`) REQUIRE n.`%s` IS UNIQUE", label, property));
    }

    private static long seed(GraphDatabaseService db, Path csv, String label, String idProperty)
            throws IOException {
        String statement = String.format("UNWIND $rows AS row CREATE (n:`%s`) SET n = row", label);
        long total = 0;
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                return 0;
            }
            List<String> header = Csv.split(headerLine);
            for (String column : header) {
                if (!NAME.matcher(column).matches()) {
                    throw new IllegalArgumentException("column " + column + " is not a valid property name");
                }
            }
            if (!header.contains(idProperty)) {
                throw new IllegalArgumentException("the CSV has no " + idProperty + " column");
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                batch.add(row(header, Csv.split(line), lineNumber));
                if (batch.size() == SEED_BATCH) {
                    db.executeTransactionally(statement, Map.of("rows", batch));
                    total += batch.size();
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                db.executeTransactionally(statement, Map.of("rows", batch));
                total += batch.size();
            }
        }
        return total;
    }

    /** One node's properties: an empty cell is no property; email_verified true/false is a boolean. */
    private static Map<String, Object> row(List<String> header, List<String> cells, int lineNumber) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("line " + lineNumber + " has " + cells.size()
                    + " cells, the header " + header.size());
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            if (column.equals("email_verified")
                    && (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false"))) {
                row.put(column, Boolean.parseBoolean(cell.toLowerCase()));
            } else {
                row.put(column, cell);
            }
        }
        return row;
    }

    private static void waitForEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            System.err.println("stdin: " + e.getMessage());
        }
    }

    /** Closes the server once, from the main thread or the shutdown hook, and removes its files. */
    private static final class Stopper {
        private final Neo4j neo4j;
        private final Path ownDir;
        private boolean stopped;

        Stopper(Neo4j neo4j, Path ownDir) {
            this.neo4j = neo4j;
            this.ownDir = ownDir;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                neo4j.close();
            } catch (RuntimeException e) {
                System.err.println("closing Neo4j: " + e);
            }
            deleteTree(ownDir);
            System.err.println("NEO4J STOPPED");
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("removing " + root + ": " + e.getMessage());
        }
    }

    /** A minimal CSV line splitter: commas, double quotes with "" as an escaped quote. */
    private static final class Csv {
        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c != '\r') {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }

    private static final class Options {
        int port = 0;
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        Path data;
        Path seedCsv;
        String label = "User";
        String idProperty = "sub";
        boolean uniqueConstraint;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> o.port = Integer.parseInt(value(args, ++i, arg));
                    case "--password" -> o.password = value(args, ++i, arg);
                    case "--data" -> o.data = Path.of(value(args, ++i, arg));
                    case "--seed-csv" -> o.seedCsv = Path.of(value(args, ++i, arg));
                    case "--label" -> o.label = name(value(args, ++i, arg), arg);
                    case "--id-property" -> o.idProperty = name(value(args, ++i, arg), arg);
                    case "--unique-constraint" -> o.uniqueConstraint = true;
                    default -> fail("unknown argument " + arg);
                }
            }
            if (o.password.length() < 8) {
                fail("give the neo4j user's password (at least 8 characters) with --password or NEO4J_PASSWORD");
            }
            if (o.port < 0 || o.port > 65535) {
                fail("--port must be 0..65535");
            }
            return o;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                fail(flag + " needs a value");
            }
            return args[i];
        }

        private static String name(String value, String flag) {
            if (!NAME.matcher(value).matches()) {
                fail(flag + " " + value + ": use letters, digits and _ (not starting with a digit)");
            }
            return value;
        }

        private static void fail(String message) {
            System.err.println("neo4j launcher: " + message);
            System.exit(2);
        }
    }
}
