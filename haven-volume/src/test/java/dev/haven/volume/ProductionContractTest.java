package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.testkit.BlockDeviceContract;
import org.junit.jupiter.api.Nested;

/** Production passes the block-device contract with no snapshot and with snapshots taking copies. */
class ProductionContractTest {
    static final VolumeOptions OPTIONS = VolumeOptions.defaults().withoutBackgroundRestore().withSaveBlocks(1024);

    @Nested
    class WithoutSnapshots extends BlockDeviceContract {
        @Override
        protected BlockDevice newDevice() throws Exception {
            return Volume.create(new TestStore(), 128 * 4096, 4096, OPTIONS).production();
        }
    }

    @Nested
    class WithASnapshot extends BlockDeviceContract {
        @Override
        protected BlockDevice newDevice() throws Exception {
            Volume v = Volume.create(new TestStore(), 128 * 4096, 8192, OPTIONS);
            v.createSnapshot("s");
            return v.production();
        }
    }

    @Nested
    class WritableSnapshot extends BlockDeviceContract {
        @Override
        protected BlockDevice newDevice() throws Exception {
            Volume v = Volume.create(new TestStore(), 128 * 4096, 4096, OPTIONS);
            v.createSnapshot("s");
            return v.view(v.createWritable("s", "w").name());
        }
    }
}
