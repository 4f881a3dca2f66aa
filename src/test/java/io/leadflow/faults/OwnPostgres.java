package io.leadflow.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 of the fault suite's own, never the machine's shared one: initdb into a
 * temporary folder, a free port on loopback, started and stopped with pg_ctl (binaries in
 * /usr/lib/postgresql/15/bin, or PG_BIN). As root (CI), PostgreSQL's tools run as the system user
 * postgres, which owns the folder. fsync is off: the suite kills and stops LeadFlow and stops the
 * database cleanly, it never crashes the database itself, and the shared disk stays quiet.
 */
final class OwnPostgres implements AutoCloseable {

  static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN",
      "/usr/lib/postgresql/15/bin"));

  final Path dir;
  final int port;
  private final boolean asPostgresUser;

  private OwnPostgres(Path dir, int port, boolean asPostgresUser) {
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  static boolean installed() {
    return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
  }

  static OwnPostgres create() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("leadflow-faults-pg-");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), 30);
    }
    OwnPostgres postgres = new OwnPostgres(dir, freePort(), root);
    postgres.tool(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
        "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"), 120);
    postgres.start();
    try (Connection c = postgres.connect("postgres")) {
      c.createStatement().execute("create database leadflow");
    }
    return postgres;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/leadflow";
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
        "postgres", "");
  }

  void start() throws Exception {
    tool(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-t", "60", "-l", dir.resolve("postgres.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
            + " -c fsync=off -c max_connections=100", "start"), 90);
  }

  /** A fast shutdown: sessions are ended, what was committed stays. */
  void stop() throws Exception {
    tool(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-t", "60", "-m", "fast", "stop"), 90);
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        stop();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void tool(List<String> command, int seconds) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, seconds);
  }

  private static void run(List<String> command, int seconds) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Timed out: " + command);
    }
    output = new String(process.getInputStream().readAllBytes());
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + output);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
