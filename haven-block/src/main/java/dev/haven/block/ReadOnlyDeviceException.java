package dev.haven.block;

import java.io.IOException;

/** A write or free hint reached a device that is read-only (for example a read-only snapshot). */
public final class ReadOnlyDeviceException extends IOException {
    /** Creates the exception naming the device. */
    public ReadOnlyDeviceException(String device) {
        super(device + " is read-only");
    }
}
