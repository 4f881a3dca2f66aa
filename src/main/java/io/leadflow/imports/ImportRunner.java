package io.leadflow.imports;

import io.leadflow.imports.RowTaker.Taken;
import io.leadflow.notification.Digests;
import io.leadflow.system.ContactNormaliser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs imports on this node, one at a time: every node of a cluster looks for an import nobody
 * holds (waiting, or held by a node whose lease ran out: it died or stopped) and takes it with a
 * lease in the database, which it renews while it runs. The run reads the stored file as a
 * stream and takes each row that has no outcome yet on one of {@code threads} workers, so an
 * import resumes where it stopped, on any node.
 *
 * <p>Rows of the same person (by e-mail, phone or external id) go to the same worker, one after
 * the other in file order, so of duplicates within the file the first one creates the lead and
 * the later ones merge into it. A node that loses its lease (it stalled longer than the lease)
 * stops; a row it was taking at that moment either committed or is taken by the new holder, never
 * both (the row's outcome is a primary key).
 */
@Component
class ImportRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

  private final ImportStore store;
  private final RowTaker taker;
  private final Digests digests;
  private final ImportProperties properties;
  private final ContactNormaliser normaliser;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
      + UUID.randomUUID().toString().substring(0, 8);
  private final AtomicReference<Run> running = new AtomicReference<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean started;

  ImportRunner(ImportStore store, RowTaker taker, Digests digests, ImportProperties properties,
      ContactNormaliser normaliser, PlatformTransactionManager transactions, Clock clock) {
    this.store = store;
    this.taker = taker;
    this.digests = digests;
    this.properties = properties;
    this.normaliser = normaliser;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  String node() {
    return node;
  }

  @Override
  public void start() {
    scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "import-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    long poll = properties.poll().toMillis();
    scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
    long beat = Math.max(properties.lease().toMillis() / 3, 200);
    scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    started = true;
  }

  /** Stops the running import after the rows being taken, and gives it up for another node. */
  @Override
  public void stop() {
    started = false;
    Run run = running.get();
    if (run != null) {
      run.stop("node stopping");
      run.awaitEnd(30_000);
    }
    scheduler.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  /** Looks for work now, e.g. right after an upload on this node. */
  void kick() {
    if (started) {
      scheduler.execute(this::poll);
    }
  }

  private synchronized void poll() {
    try {
      if (!started || running.get() != null) {
        return;
      }
      Instant now = clock.instant();
      for (long id : store.claimable(now)) {
        if (store.claim(id, node, now, now.plus(properties.lease()))) {
          ImportJob job = store.find(id).orElseThrow();
          Run run = new Run(job);
          running.set(run);
          Thread thread = new Thread(run::execute, "import-" + id);
          thread.setDaemon(true);
          thread.start();
          return;
        }
      }
    } catch (RuntimeException e) {
      log.warn("Looking for imports to run failed; trying again", e);
    }
  }

  private void heartbeat() {
    Run run = running.get();
    if (run == null) {
      return;
    }
    try {
      if (!store.renew(run.job.id(), node, clock.instant().plus(properties.lease()))) {
        ImportJob now = store.find(run.job.id()).orElseThrow();
        run.stop(now.status() == ImportJob.Status.CANCELLED ? "cancelled" : "lease lost");
      }
    } catch (RuntimeException e) {
      log.warn("Renewing the lease of import {} failed", run.job.id(), e);
    }
  }

  /** One run of one import on this node: a reader and its workers. */
  private final class Run {
    final ImportJob job;
    final Worker[] workers;
    final ReentrantLock lock = new ReentrantLock();
    final Condition released = lock.newCondition();
    /** Per contact key: the worker it is with, and how many of its rows are in flight. */
    final Map<String, int[]> inFlight = new HashMap<>();
    volatile String stopped;
    volatile RuntimeException fault;
    final Object ended = new Object();
    boolean end;

    Run(ImportJob job) {
      this.job = job;
      this.workers = new Worker[Math.max(1, properties.threads())];
    }

    void stop(String why) {
      if (stopped == null) {
        log.info("Import {} stops on {}: {}", job.id(), node, why);
        stopped = why;
      }
    }

    void awaitEnd(long millis) {
      synchronized (ended) {
        long until = System.currentTimeMillis() + millis;
        while (!end && System.currentTimeMillis() < until) {
          try {
            ended.wait(Math.max(1, until - System.currentTimeMillis()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    void execute() {
      Path file = null;
      try {
        file = Files.createTempFile("leadflow-import-" + job.id() + "-",
            "." + job.format().extension);
        store.spool(job.id(), file);
        FileKind kind = new FileSniffer(properties).sniff(file);
        RowMapper mapper = new RowMapper(ColumnMapping.of(job.header(), job.mapping()),
            job.source());
        BitSet taken = store.takenRows(job.id());
        Map<Integer, Long> sameFile = store.takenFromSameFile(job.sha256(), job.id());
        for (int i = 0; i < workers.length; i++) {
          workers[i] = new Worker(this, i);
          workers[i].start();
        }
        boolean[] header = {false};
        SheetReader.of(file, kind).read(job.sheet(), (number, cells) -> {
          if (stopped != null) {
            return false;
          }
          if (!header[0]) {
            header[0] = !RowMapper.blank(cells); // the first row with anything in it
            return true;
          }
          if (!taken.get(number) && !RowMapper.blank(cells)) {
            try {
              dispatch(new Task(number, mapper.map(cells), sameFile.get(number)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              stop("interrupted");
              return false;
            }
          }
          return true;
        });
        for (Worker worker : workers) {
          worker.queue.put(END_OF_ROWS);
        }
        for (Worker worker : workers) {
          worker.join();
        }
        if (fault != null) {
          throw fault;
        }
        finish();
      } catch (ImportRefusedException e) {
        // The stored file no longer reads as it did at upload: nothing to resume.
        tx.executeWithoutResult(s -> store.finish(job.id(), node, ImportJob.Status.FAILED,
            e.getMessage(), clock.instant()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        giveUp(e);
      } catch (IOException | RuntimeException e) {
        giveUp(e);
      } finally {
        stopped = stopped == null ? "ended" : stopped;
        for (Worker worker : workers) {
          if (worker != null) {
            worker.interrupt();
          }
        }
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
          }
        }
        running.set(null);
        synchronized (ended) {
          end = true;
          ended.notifyAll();
        }
        kick();
      }
    }

    /** Done, or stopped by a cancel: the digest of what was taken goes out. */
    private void finish() {
      String why = stopped;
      tx.executeWithoutResult(s -> {
        ImportJob now = store.lock(job.id()).orElseThrow();
        boolean done = why == null
            && store.finish(job.id(), node, ImportJob.Status.DONE, null, clock.instant());
        if (job.digest() && (done || now.status() == ImportJob.Status.CANCELLED)) {
          digests.close(job.batch(), job.label());
        }
      });
      if (why != null && !"cancelled".equals(why)) {
        store.release(job.id(), node, clock.instant());
      }
    }

    private void giveUp(Exception e) {
      log.warn("Import {} stopped on {}; it resumes on the next node that takes it", job.id(),
          node, e);
      try {
        store.release(job.id(), node, clock.instant());
      } catch (RuntimeException again) {
        log.warn("Could not release import {}; its lease runs out by itself", job.id(), again);
      }
    }

    /** To the worker that has rows of the same person in flight, else to the least busy. */
    void dispatch(Task task) throws InterruptedException {
      int target;
      lock.lock();
      try {
        while (true) {
          Set<Integer> busy = new LinkedHashSet<>();
          task.keys.forEach(k -> {
            int[] owner = inFlight.get(k);
            if (owner != null) busy.add(owner[0]);
          });
          if (busy.size() <= 1) {
            target = busy.isEmpty() ? leastBusy() : busy.iterator().next();
            break;
          }
          released.await(100, TimeUnit.MILLISECONDS);
          if (stopped != null) {
            return;
          }
        }
        int chosen = target;
        task.keys.forEach(k -> inFlight.computeIfAbsent(k, x -> new int[] {chosen, 0})[1]++);
      } finally {
        lock.unlock();
      }
      while (!workers[target].queue.offer(task, 100, TimeUnit.MILLISECONDS)) {
        if (stopped != null) {
          return;
        }
      }
    }

    private int leastBusy() {
      int best = 0;
      for (int i = 1; i < workers.length; i++) {
        if (workers[i].queue.size() < workers[best].queue.size()) best = i;
      }
      return best;
    }

    void done(Task task) {
      lock.lock();
      try {
        for (String key : task.keys) {
          int[] owner = inFlight.get(key);
          if (owner != null && --owner[1] == 0) inFlight.remove(key);
        }
        released.signalAll();
      } finally {
        lock.unlock();
      }
    }

    Set<String> keys(RowMapper.Mapped row) {
      Set<String> keys = new LinkedHashSet<>();
      var request = row.request();
      if (request.email() != null && !request.email().isBlank()) {
        keys.add("email:" + normaliser.email(request.email()));
      }
      if (request.phone() != null && !request.phone().isBlank()) {
        keys.add("phone:" + normaliser.phone(request.phone()).orElse(request.phone()));
      }
      if (request.externalId() != null && !request.externalId().isBlank()) {
        keys.add("id:" + request.source() + ":" + request.externalId().strip());
      }
      return keys;
    }

    /** One row to take. */
    final class Task {
      final int number;
      final RowMapper.Mapped row;
      final Long sameFileLead;
      final Set<String> keys;

      Task(int number, RowMapper.Mapped row, Long sameFileLead) {
        this.number = number;
        this.row = row;
        this.sameFileLead = sameFileLead;
        this.keys = keys(row);
      }
    }
  }

  /** Takes the rows given to it, in order, each in its own transaction. */
  private final class Worker extends Thread {
    final Run run;
    final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(32);

    Worker(Run run, int index) {
      super("import-" + run.job.id() + "-worker-" + index);
      setDaemon(true);
      this.run = run;
    }

    @Override
    public void run() {
      try {
        while (true) {
          Object next = queue.take();
          if (next == END_OF_ROWS) {
            return;
          }
          Run.Task task = (Run.Task) next;
          try {
            if (run.stopped == null) {
              Taken taken = taker.take(run.job, task.number, task.row, task.sameFileLead);
              if (taken == Taken.ELSEWHERE) {
                heartbeat(); // another node has rows of this import: is the lease still ours?
              }
            }
          } catch (RuntimeException e) {
            run.fault = e;
            run.stop("database fault: " + e.getMessage());
          } finally {
            run.done(task);
          }
        }
      } catch (InterruptedException e) {
        // the run ended
      }
    }
  }

  private static final Object END_OF_ROWS = new Object();
}
