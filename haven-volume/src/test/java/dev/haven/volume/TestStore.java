package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.testkit.CrashOutcome;
import dev.haven.testkit.FaultInjectingBlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import dev.haven.testkit.PowerSupply;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** A {@link VolumeStore} of fault-injecting in-memory devices on one {@link PowerSupply}. */
final class TestStore implements VolumeStore {
    final PowerSupply power = new PowerSupply();
    private final Map<String, FaultInjectingBlockDevice> devices = new HashMap<>();
    private final Map<String, MemoryBlockDevice> images = new HashMap<>();

    TestStore() {}

    private TestStore(Map<String, MemoryBlockDevice> images) {
        this.images.putAll(images);
    }

    @Override
    public boolean exists(String name) {
        return devices.containsKey(name) || images.containsKey(name);
    }

    @Override
    public BlockDevice create(String name, int blockSize, long blockCount) {
        FaultInjectingBlockDevice d = power.newDevice(name, blockSize, blockCount);
        devices.put(name, d);
        return d;
    }

    @Override
    public BlockDevice open(String name, int blockSize) throws IOException {
        MemoryBlockDevice image = images.remove(name);
        if (image == null) {
            FaultInjectingBlockDevice old = devices.get(name);
            if (old == null) {
                throw new NoSuchFileException(describe(name));
            }
            image = old.imageAfterCrash(CrashOutcome.KEEP_ALL, new Random(0));
        }
        FaultInjectingBlockDevice d = power.newDevice(image);
        devices.put(name, d);
        return d;
    }

    @Override
    public String describe(String name) {
        return "mem:" + name;
    }

    /** What the devices hold after the power failed, as a fresh store on a working supply. */
    TestStore afterCrash(CrashOutcome outcome, Random random) {
        Map<String, MemoryBlockDevice> after = new HashMap<>();
        images.forEach((n, d) -> after.put(n, d.copy(n))); // never opened in this session
        devices.forEach((n, d) -> after.put(n, d.imageAfterCrash(outcome, random)));
        return new TestStore(after);
    }

    /** The raw device (for corruption tests). */
    FaultInjectingBlockDevice device(String name) {
        return devices.get(name);
    }
}
