package org.watchpost.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs background work for view models. The app's implementation runs it in a JavaFX
 * {@code Task} and calls back on the FX thread; tests use {@link DirectTaskExecutor}.
 */
public interface TaskExecutor {
    <T> void submit(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
