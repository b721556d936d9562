package io.mcpaudit.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N closed-loop load threads: each sends the next request as soon as the previous one is answered. They run from
 * start-up through warm-up into the measured window without pausing (so the server never idles between phases);
 * only requests that start and end inside the window are recorded.
 */
final class ClosedLoop {
  private enum Phase { WARMUP, MEASURE, DONE }

  private final Target target;
  private final List<Latencies> latencies = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong windowErrors = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Phase phase = Phase.WARMUP;

  private ClosedLoop(Target target) {
    this.target = target;
  }

  static ClosedLoop start(Target target, int threadCount) {
    ClosedLoop loop = new ClosedLoop(target);
    for (int t = 0; t < threadCount; t++) {
      Latencies mine = new Latencies();
      loop.latencies.add(mine);
      Thread thread = new Thread(() -> loop.drive(mine), "load-" + t);
      thread.setDaemon(true);
      thread.start();
      loop.threads.add(thread);
    }
    return loop;
  }

  void beginWindow() {
    phase = Phase.MEASURE;
  }

  /** Ends the window and stops the threads (each finishes the request it is in). */
  void stop() throws InterruptedException {
    phase = Phase.DONE;
    for (Thread thread : threads) {
      thread.join(60_000);
    }
  }

  long[] sortedWindowLatencies() {
    return Latencies.sortedUnion(latencies);
  }

  long windowErrors() {
    return windowErrors.get();
  }

  /** Requests sent over the server's life so far (warm-up and window). */
  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  private void drive(Latencies mine) {
    Caller caller = null;
    try {
      while (phase != Phase.DONE) {
        Phase at = phase;
        long start = System.nanoTime();
        boolean ok;
        try {
          if (caller == null) {
            caller = target.client();
          }
          sent.incrementAndGet();
          ok = caller.call();
        } catch (Exception e) {
          ok = false;
        }
        long done = System.nanoTime();
        if (!ok) {
          failed.incrementAndGet();
        }
        if (at == Phase.MEASURE && phase == Phase.MEASURE) {
          if (ok) {
            mine.add(done - start);
          } else {
            windowErrors.incrementAndGet();
          }
        }
        if (!ok && caller == null) {
          sleepQuietly(10); // the server refused a connection: do not spin
        }
      }
    } finally {
      if (caller != null && !target.sharedClient()) {
        caller.close();
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
