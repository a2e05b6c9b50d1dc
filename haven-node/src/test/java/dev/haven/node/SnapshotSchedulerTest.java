package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.testkit.ManualClock;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.SnapshotKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler driven by a manual clock: one snapshot per slot, the newest N kept, no sleeping. */
class SnapshotSchedulerTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T07:59:00Z"));

    /** A file system that only keeps snapshot names; one name can be pinned (in use). */
    private final class FakeTarget implements SnapshotScheduler.Target {
        final List<SnapshotInfo> snaps = new ArrayList<>();
        final SnapshotSchedule schedule;
        String pinned;

        FakeTarget(SnapshotSchedule schedule) {
            this.schedule = schedule;
        }

        @Override
        public String name() {
            return "data";
        }

        @Override
        public SnapshotSchedule schedule() {
            return schedule;
        }

        @Override
        public List<SnapshotInfo> snapshots() {
            return List.copyOf(snaps);
        }

        @Override
        public void take(String name) {
            snaps.add(new SnapshotInfo(name, SnapshotKind.READ_ONLY, snaps.size(), null, clock.instant(), 0));
        }

        @Override
        public void delete(String name) throws IOException {
            if (name.equals(pinned)) {
                throw new IllegalStateException(name + " is in use");
            }
            snaps.removeIf(s -> s.name().equals(name));
        }

        List<String> names() {
            return snaps.stream().map(SnapshotInfo::name).toList();
        }
    }

    @Test
    void takesOneSnapshotPerHourAndDayAndKeepsTheNewest() {
        FakeTarget t = new FakeTarget(new SnapshotSchedule(3, 2));
        assertEquals(List.of("hourly-20261122-07", "daily-20261122"), SnapshotScheduler.run(t, clock.instant()));
        assertEquals(List.of(), SnapshotScheduler.run(t, clock.instant()), "nothing new within the same slots");
        for (int h = 0; h < 30; h++) {
            clock.advance(Duration.ofHours(1));
            SnapshotScheduler.run(t, clock.instant());
        }
        // 2026-11-22T07:59 + 30 h = 2026-11-23T13:59
        assertEquals(List.of("daily-20261122", "daily-20261123", "hourly-20261123-11", "hourly-20261123-12",
                "hourly-20261123-13"), t.names().stream().sorted().toList());
    }

    @Test
    void aSnapshotInUseIsKeptAndPrunedLater() {
        FakeTarget t = new FakeTarget(new SnapshotSchedule(1, 0));
        SnapshotScheduler.run(t, clock.instant());
        t.pinned = "hourly-20261122-07";
        clock.advance(Duration.ofMinutes(1));
        SnapshotScheduler.run(t, clock.instant());
        assertEquals(List.of("hourly-20261122-07", "hourly-20261122-08"), t.names());
        t.pinned = null;
        clock.advance(Duration.ofMinutes(30));
        SnapshotScheduler.run(t, clock.instant());
        assertEquals(List.of("hourly-20261122-08"), t.names());
    }

    @Test
    void aNodeRunsTheScheduleOfHavenConf() throws Exception {
        java.nio.file.Path dir = tmp;
        NodeOptions options = new NodeOptions(dir, null, 0, TestNodes.PASSWORD, TestNodes.VOLUME_BYTES, clock,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));
        Node.start(options).close(); // first start writes haven.conf
        java.nio.file.Path conf = dir.resolve("haven.conf");
        java.nio.file.Files.writeString(conf, java.nio.file.Files.readString(conf).replace("case = insensitive",
                "case = insensitive\nsnapshot-hourly = 1\nsnapshot-daily = 1"));
        try (Node node = Node.start(options)) {
            assertEquals(List.of("hourly-20261122-07", "daily-20261122"), names(node), "taken at start");
            clock.advance(Duration.ofHours(3));
            node.runSchedules(); // the node's own tick may have run it already: the result is the same
            assertEquals(List.of("daily-20261122", "hourly-20261122-10"), names(node).stream().sorted().toList());
        }
    }

    private static List<String> names(Node node) {
        return node.requireFileSystem("data").snapshots().stream().map(SnapshotInfo::name).toList();
    }
}
