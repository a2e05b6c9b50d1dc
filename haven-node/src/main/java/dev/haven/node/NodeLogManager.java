package dev.haven.node;

import java.util.logging.LogManager;

/**
 * A LogManager whose {@link #reset()} keeps the handlers. The JDK's LogManager resets (closes
 * every handler) from its own shutdown hook, which races the node's shutdown hook and would
 * swallow the log lines of a clean shutdown on SIGTERM. Select it with
 * {@code -Djava.util.logging.manager=dev.haven.node.NodeLogManager} before any logging starts.
 */
public final class NodeLogManager extends LogManager {
    /** Called by the JDK when it is selected as the log manager. */
    public NodeLogManager() {}

    /** Keeps the handlers: {@link LogFormat#install} replaces them explicitly when it needs to. */
    @Override
    public void reset() {
        // Deliberately empty; see the class comment.
    }
}
