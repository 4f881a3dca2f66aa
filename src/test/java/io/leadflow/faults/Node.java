package io.leadflow.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One LeadFlow server of the fault suite: the packaged jar in a JVM of its own on loopback,
 * against the suite's own PostgreSQL, with the demo's teams, reps and API key. Stopped by its
 * process id only: gracefully (SIGTERM), or killed (SIGKILL, as kill -9).
 */
final class Node {

  static final String API_KEY = "demo-api-key-change-me";

  final String name;
  final int port;
  final Path log;
  private final Process process;

  private Node(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static Path jar() {
    String jar = System.getProperty("leadflow.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("No LeadFlow jar at " + jar
          + ": the fault suite runs after packaging (./mvnw verify)");
    }
    return Path.of(jar);
  }

  static Node start(String name, OwnPostgres postgres, Map<String, String> settings,
      Path logs) throws Exception {
    int port = OwnPostgres.freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", jar().toString(),
        "--server.port=" + port, "--server.address=127.0.0.1"));
    settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(Map.of("SPRING_PROFILES_ACTIVE", "postgres,demo",
        "DB_URL", postgres.url(), "DB_USER", "postgres", "DB_PASSWORD", "",
        "LEADFLOW_SECURE_COOKIES", "false"));
    return new Node(name, port, log, builder.start());
  }

  long pid() {
    return process.pid();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits until the node is ready (readiness 200), at most this long. */
  void awaitReady(Duration within) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited: see " + log);
      }
      try {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create(url("/actuator/health/readiness"))).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready within " + within + ": see " + log);
  }

  /** kill -9: the JVM ends at once, without running anything more. */
  void kill() throws InterruptedException {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: a graceful shutdown, then SIGKILL if it takes longer than this. */
  void stop(Duration within) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
      kill();
    }
  }

  String logText() throws java.io.IOException {
    return Files.readString(log);
  }
}
