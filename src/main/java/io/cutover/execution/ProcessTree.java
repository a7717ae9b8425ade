package io.cutover.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ends a process and every process below it: SIGTERM first, SIGKILL after a grace period.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static void terminate(List<ProcessHandle> roots, Duration grace) {
        Set<ProcessHandle> all = snapshot(roots);
        all.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception notAllExited) {
            // fall through to SIGKILL
        }
        // Children may have started more children while being told to stop: look again.
        for (int round = 0; round < 3; round++) {
            Set<ProcessHandle> alive = snapshot(new ArrayList<>(all));
            alive.removeIf(h -> !h.isAlive());
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            all.addAll(alive);
            alive.forEach(h -> h.onExit().orTimeout(2, TimeUnit.SECONDS).exceptionally(t -> h).join());
        }
    }

    /** The given processes and all their descendants alive now. */
    static Set<ProcessHandle> snapshot(List<ProcessHandle> roots) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            all.add(root);
            try (Stream<ProcessHandle> descendants = root.descendants()) {
                descendants.forEach(all::add);
            }
        }
        return all;
    }

    /**
     * "pid:startMillis" for each process, so a later start can tell it from a recycled
     * pid.
     */
    static String describe(List<Process> processes) {
        return String.join(",", processes.stream()
            .map(p -> p.pid() + ":" + p.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("0"))
            .toList());
    }

    /** The processes of a description that are still the same processes. */
    static List<ProcessHandle> find(String description) {
        List<ProcessHandle> found = new ArrayList<>();
        if (description == null || description.isBlank()) {
            return found;
        }
        for (String entry : description.split(",")) {
            String[] parts = entry.split(":");
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            ProcessHandle.of(pid)
                .filter(h -> h.info()
                    .startInstant()
                    .map(i -> started == 0 || Math.abs(i.toEpochMilli() - started) < 1000)
                    .orElse(false))
                .ifPresent(found::add);
        }
        return found;
    }

}
