package org.watchpost.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work on the calling thread: for view-model tests without a toolkit. */
public final class DirectTaskExecutor implements TaskExecutor {
    @Override
    public <T> void submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }
}
