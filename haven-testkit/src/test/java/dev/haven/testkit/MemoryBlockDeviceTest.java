package dev.haven.testkit;

import dev.haven.block.BlockDevice;

class MemoryBlockDeviceTest extends BlockDeviceContract {
    @Override
    protected BlockDevice newDevice() {
        return new MemoryBlockDevice("mem", 4096, 1L << 32);
    }
}
