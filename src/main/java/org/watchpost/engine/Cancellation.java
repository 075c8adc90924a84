package org.watchpost.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cooperative stop signal. Engine loops poll {@link #isCancelled()}; a stop request also
 * runs the registered hooks (e.g. wake a selector) so a stop takes effect within
 * milliseconds rather than a timeout later.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final java.util.List<Runnable> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable hook : hooks) {
                try {
                    hook.run();
                } catch (RuntimeException ignored) {
                    // a failing hook must not prevent the others from running
                }
            }
        }
    }

    /** Registers a hook run once on cancel (immediately if already cancelled). */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled.get()) hook.run();
    }

    public void removeHook(Runnable hook) {
        hooks.remove(hook);
    }
}
