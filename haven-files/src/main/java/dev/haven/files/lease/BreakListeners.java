package dev.haven.files.lease;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The front-ends listening for breaks of one {@link LeaseManager}: every notification goes to
 * each of them, and each ignores the breaks of opens it does not serve. A listener that throws is
 * a front-end's bug: it is logged and does not cost the others their notification.
 */
final class BreakListeners implements BreakListener {
    private static final System.Logger LOG = System.getLogger(BreakListeners.class.getName());

    private final CopyOnWriteArrayList<BreakListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; the returned handle removes it. */
    Runnable add(BreakListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void onBreak(BreakNotification notification) {
        for (BreakListener l : listeners) {
            try {
                l.onBreak(notification);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "break listener failed on " + notification, e);
            }
        }
    }
}
