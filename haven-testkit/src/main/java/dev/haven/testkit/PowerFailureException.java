package dev.haven.testkit;

import java.io.IOException;

/** Thrown by every call on a {@link FaultInjectingBlockDevice} once its {@link PowerSupply} has cut out. */
public final class PowerFailureException extends IOException {
    PowerFailureException(String device, long operation) {
        super("power failed at operation " + operation + " (" + device + ")");
    }
}
