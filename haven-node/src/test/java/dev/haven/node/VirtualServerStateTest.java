package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VirtualServerStateTest {
    @Test
    void followsTheLifecycle() {
        VirtualServerState s = VirtualServerState.CREATED;
        for (VirtualServerState next : new VirtualServerState[] {VirtualServerState.STARTING,
                VirtualServerState.RUNNING, VirtualServerState.STOPPING, VirtualServerState.STOPPED}) {
            s = s.moveTo(next);
        }
        assertEquals(VirtualServerState.STOPPED, s);
        assertEquals(VirtualServerState.STOPPING, VirtualServerState.FAILED.moveTo(VirtualServerState.STOPPING));
    }

    @Test
    void refusesTransitionsOutsideTheTable() {
        assertThrows(IllegalStateException.class, () -> VirtualServerState.CREATED.moveTo(VirtualServerState.RUNNING));
        assertThrows(IllegalStateException.class, () -> VirtualServerState.STOPPED.moveTo(VirtualServerState.STARTING));
        assertThrows(IllegalStateException.class, () -> VirtualServerState.RUNNING.moveTo(VirtualServerState.STARTING));
    }
}
