package io.cutover.execution;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, ends the processes of active runs and lets their workers record them INTERRUPTED
 * while the database is still open (it closes after every lifecycle component has stopped), and
 * before the log writer stores its last batch.
 */
@Component
class RunShutdown implements SmartLifecycle {

    private final RunLauncher launcher;
    private final ExecutorService workers;
    private volatile boolean running;

    RunShutdown(RunLauncher launcher, @Qualifier(RunExecutorConfig.NAME) ExecutorService workers) {
        this.launcher = launcher;
        this.workers = workers;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        launcher.interruptAll();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
