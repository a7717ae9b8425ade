package io.cutover.execution;

import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, ends the processes of active runs and lets their workers record them
 * INTERRUPTED while the database is still open (it closes after every lifecycle component
 * has stopped), and before the log writer stores its last batch. The worker pool itself
 * stays usable, so a stopped context can start again (the test framework pauses idle
 * contexts); it is shut down with its bean.
 */
@Component
class RunShutdown implements SmartLifecycle {

    private final RunLauncher launcher;

    private volatile boolean running;

    RunShutdown(RunLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        launcher.interruptAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!launcher.idle() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the log writer (which stops at DEFAULT_PHASE - 100). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 50;
    }

}
