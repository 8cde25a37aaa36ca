package zwgk.neo4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j with the Bolt connector on 127.0.0.1, so tests and CI get a real server
 * without a Docker engine or a Neo4j installation.
 *
 * <p>Usage: {@code java -jar zwgk-neo4j-server.jar <data-dir> <port> [page-cache-mb]}. Authentication is
 * disabled and the server only listens on the loopback address. Once a Bolt handshake succeeds it prints
 * exactly one line {@code NEO4J READY bolt://127.0.0.1:<port>} on stdout; callers wait for that line. A
 * shutdown hook stops the databases cleanly on SIGTERM or Ctrl-C, so the store is never left half-written.
 *
 * <p>With {@code -Dzwgk.neo4j.watchStdin=true} the server also stops when its standard input closes: a
 * parent process (a test session) that dies without stopping it then leaves no orphaned JVM behind.
 */
public final class EmbeddedNeo4j {
    private static final String HOST = "127.0.0.1";
    private static final long MIB = 1024L * 1024L;
    private static final Duration BOLT_WAIT = Duration.ofSeconds(60);

    private EmbeddedNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -jar zwgk-neo4j-server.jar <data-dir> <port> [page-cache-mb]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMb = args.length == 3 ? Long.parseLong(args[2]) : 128L;

        DatabaseManagementService service;
        try {
            service = start(home, port, pageCacheMb);
        } catch (RuntimeException e) {
            // Exit at once: lingering non-daemon threads would otherwise keep a failed JVM alive for seconds.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));

        waitForBolt(port);
        System.out.println("NEO4J READY bolt://" + HOST + ":" + port);
        System.out.flush();
        if (Boolean.getBoolean("zwgk.neo4j.watchStdin")) {
            drainUntilEof();
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    /** Opens the databases and starts Bolt; Neo4j shuts itself down again if any part fails. */
    private static DatabaseManagementService start(Path home, int port, long pageCacheMb) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnector.thread_pool_max_size, 50)
                // The databases are checkpointed before Bolt stops; waiting 5 s + 5 s for idle
                // connections and worker threads after that only slows every test session down.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Small footprint for a 2-core machine that runs the test suite beside the server.
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * MIB)
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, 64 * MIB)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 512 * MIB)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 32 * MIB)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.pagecache_warmup_enabled, false)
                .build();
    }

    /** Blocks until standard input reaches end of file, i.e. the process that started us is gone. */
    private static void drainUntilEof() {
        byte[] buffer = new byte[256];
        try {
            while (System.in.read(buffer) >= 0) {
                // Input carries no commands; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe also means the parent is gone.
        }
    }

    /** Polls until the Bolt connector accepts a handshake; the databases may still be opening before. */
    private static void waitForBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + BOLT_WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (boltHandshake(port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        System.err.println("Bolt did not answer on " + HOST + ":" + port + " within " + BOLT_WAIT + ": " + last);
        System.exit(1);
    }

    /** Sends the Bolt preamble offering versions 5.x..4.x and checks that a version was agreed. */
    private static boolean boltHandshake(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
                0, 8, 8, 5, // 5.8 down to 5.0
                0, 4, 4, 4, // 4.4 down to 4.0
                0, 0, 0, 3,
                0, 0, 0, 0,
            });
            out.flush();
            int agreed = new DataInputStream(socket.getInputStream()).readInt();
            return agreed != 0;
        }
    }
}
