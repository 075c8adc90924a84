package org.watchpost.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/** Runs work in JavaFX {@link Task}s on daemon threads; callbacks arrive on the FX thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final AtomicInteger n = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "watchpost-ui-task-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        if (pool.isShutdown()) return; // the window is closing: nobody waits for the answer
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed between the check and the submit
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
