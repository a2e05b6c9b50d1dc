package dev.haven.files.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.security.Sid;
import dev.haven.files.service.SharePath;
import dev.haven.testkit.CrashOutcome;
import dev.haven.testkit.FaultInjectingBlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import dev.haven.testkit.PowerFailureException;
import dev.haven.testkit.PowerSupply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenStoreTest {
    private static final int BS = 4096;

    static PersistedOpen open(OpenId id, long durableId, List<LockRequest> locks, String name) {
        return new PersistedOpen(durableId, id, "data", new SharePath(List.of("dir", name)), 7, 42, 3, false,
                0x12019F, 7, true,
                new PersistedOpen.Owner(Sid.parse("S-1-5-21-1-2-3-1000"), new ClientGuid(new UUID(1, 2)),
                        new LeaseKey(5, 6), new UUID(8, 9), Duration.ofSeconds(300)),
                new PersistedOpen.Caching(OplockLevel.NONE, LeaseState.RWH, 3, LeaseKey.ZERO, true), locks, "smb2",
                new byte[] {1, 2, 3});
    }

    private static String bytes(PersistedOpen o) {
        return HexFormat.of().formatHex(PersistedOpenFormat.encodeOpen(o));
    }

    private static Map<OpenId, String> content(List<PersistedOpen> opens) {
        return opens.stream().collect(Collectors.toMap(PersistedOpen::openId, OpenStoreTest::bytes));
    }

    @Test
    void everyFieldSurvivesTheWrittenForm() {
        PersistedOpen o = open(OpenId.random(), 0x1234_5678_9abcL, List.of(new LockRequest(10, 20, true),
                new LockRequest(-1, 1, false)), "ünïcode name.txt");
        PersistedOpenFormat.Copy c = PersistedOpenFormat.decode(java.util.Arrays.copyOf(
                PersistedOpenFormat.encode(99, o), BS));
        PersistedOpenFormat.Valid v = (PersistedOpenFormat.Valid) c;
        assertEquals(99, v.sequence());
        assertEquals(bytes(o), bytes(v.open()));
        assertEquals(o.path(), v.open().path());
        assertEquals(o.who(), v.open().who());
        assertEquals(o.caching(), v.open().caching());
        assertEquals(o.locks(), v.open().locks());
        assertArrayEquals(o.frontEnd(), v.open().frontEnd());
    }

    @Test
    void putUpdateRemoveAndReopen() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice("opens", BS, 64);
        OpenStore s = OpenStore.open(dev);
        OpenId a = OpenId.random();
        OpenId b = OpenId.random();
        s.put(open(a, 1, List.of(), "a"));
        s.put(open(b, 2, List.of(), "b"));
        PersistedOpen a2 = open(a, 1, List.of(new LockRequest(0, 100, true)), "a");
        s.put(a2);
        s.remove(b);
        assertEquals(1, s.size());

        OpenStore again = OpenStore.open(dev);
        assertEquals(Map.of(a, bytes(a2)), content(again.recovered()));
        // The freed pair is reused, and the store keeps working after a reopen.
        OpenId c = OpenId.random();
        again.put(open(c, 3, List.of(), "c"));
        again.remove(a);
        assertEquals(Map.of(c, bytes(open(c, 3, List.of(), "c"))), content(OpenStore.open(dev).recovered()));
    }

    @Test
    void aFullStoreAndAnOversizedRecordAreRefusedAndChangeNothing() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice("opens", BS, 2L * OpenStore.SLOT_BLOCKS * 2);
        OpenStore s = OpenStore.open(dev);
        OpenId a = OpenId.random();
        s.put(open(a, 1, List.of(), "a"));
        s.put(open(OpenId.random(), 2, List.of(), "b"));
        IOException full = assertThrows(IOException.class, () -> s.put(open(OpenId.random(), 3, List.of(), "c")));
        assertTrue(full.getMessage().contains("full"), full.getMessage());
        List<LockRequest> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(new LockRequest(i * 10L, 5, true));
        }
        IOException big = assertThrows(IOException.class, () -> s.put(open(a, 1, many, "a")));
        assertTrue(big.getMessage().contains("byte-range locks"), big.getMessage());
        assertEquals(bytes(open(a, 1, List.of(), "a")), content(OpenStore.open(dev).recovered()).get(a));
    }

    @Test
    void aDamagedNewestCopyFallsBackToTheOlderOne() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice("opens", BS, 64);
        OpenStore s = OpenStore.open(dev);
        OpenId a = OpenId.random();
        PersistedOpen first = open(a, 1, List.of(), "a");
        s.put(first);
        s.put(open(a, 1, List.of(new LockRequest(0, 1, false)), "a"));
        // The second record went to copy 1 of pair 0 (blocks SLOT_BLOCKS..): flip one payload byte.
        ByteBuffer block = ByteBuffer.allocate(BS);
        dev.read(OpenStore.SLOT_BLOCKS, block);
        block.put(40, (byte) (block.get(40) ^ 0x55)).clear();
        dev.write(OpenStore.SLOT_BLOCKS, block);
        assertEquals(Map.of(a, bytes(first)), content(OpenStore.open(dev).recovered()));
        // Both copies damaged: the open is lost, and the store still opens (the error is logged).
        dev.read(0, block.clear());
        block.put(40, (byte) (block.get(40) ^ 0x55)).clear();
        dev.write(0, block);
        OpenStore damaged = OpenStore.open(dev);
        assertEquals(Map.of(), content(damaged.recovered()));
        OpenId b = OpenId.random();
        damaged.put(open(b, 2, List.of(), "b"));
        assertEquals(Map.of(b, bytes(open(b, 2, List.of(), "b"))), content(OpenStore.open(dev).recovered()));
    }

    /** One step of the crash scenario. */
    private record Step(OpenId id, PersistedOpen put) {
        void apply(OpenStore s) throws IOException {
            if (put != null) {
                s.put(put);
            } else {
                s.remove(id);
            }
        }

        void apply(Map<OpenId, String> model) {
            if (put != null) {
                model.put(id, bytes(put));
            } else {
                model.remove(id);
            }
        }
    }

    private static List<Step> scenario() {
        OpenId a = OpenId.random();
        OpenId b = OpenId.random();
        OpenId c = OpenId.random();
        OpenId d = OpenId.random();
        List<LockRequest> one = List.of(new LockRequest(0, 10, true));
        List<LockRequest> two = List.of(new LockRequest(0, 10, true), new LockRequest(100, 10, false));
        return List.of(new Step(a, open(a, 1, List.of(), "a")), new Step(b, open(b, 2, List.of(), "b")),
                new Step(a, open(a, 1, one, "a")), new Step(b, null), new Step(c, open(c, 3, List.of(), "c")),
                new Step(a, open(a, 1, two, "renamed")), new Step(c, open(c, 3, one, "c")), new Step(a, null),
                new Step(d, open(d, 4, List.of(), "d")), new Step(d, open(d, 4, two, "d")), new Step(c, null));
    }

    /**
     * Power fails at every write and flush position of a scenario of creates, changes and
     * removes; whatever the disk kept of the unflushed writes (none, all, any subset, one torn),
     * the store holds every acknowledged change, and the one in flight either whole or not at all.
     */
    @Test
    void aCrashAtEveryWritePositionKeepsEveryAcknowledgedChange() throws IOException {
        List<Step> steps = scenario();
        PowerSupply counting = new PowerSupply();
        OpenStore full = OpenStore.open(counting.newDevice("opens", BS, 64));
        for (Step s : steps) {
            s.apply(full);
        }
        long operations = counting.operations();
        assertEquals(2L * steps.size(), operations); // one write and one flush per step
        Random random = new Random(42);
        int images = 0;
        for (long cut = 0; cut <= operations; cut++) {
            PowerSupply power = new PowerSupply().cutAfter(cut);
            FaultInjectingBlockDevice dev = power.newDevice("opens", BS, 64);
            OpenStore store = OpenStore.open(dev);
            Map<OpenId, String> acknowledged = new LinkedHashMap<>();
            Step inFlight = null;
            for (Step s : steps) {
                try {
                    s.apply(store);
                } catch (PowerFailureException e) {
                    inFlight = s;
                    break;
                }
                s.apply(acknowledged);
            }
            Map<OpenId, String> withInFlight = new LinkedHashMap<>(acknowledged);
            if (inFlight != null) {
                inFlight.apply(withInFlight);
            }
            List<CrashOutcome> outcomes = new ArrayList<>(List.of(CrashOutcome.LOSE_ALL, CrashOutcome.KEEP_ALL));
            outcomes.addAll(Collections.nCopies(8, CrashOutcome.RANDOM));
            for (CrashOutcome outcome : outcomes) {
                MemoryBlockDevice image = dev.imageAfterCrash(outcome, random);
                Map<OpenId, String> recovered = content(OpenStore.open(image).recovered());
                assertTrue(recovered.equals(acknowledged) || recovered.equals(withInFlight),
                        "cut after " + cut + " operations, " + outcome + ": recovered " + recovered.keySet()
                                + ", acknowledged " + acknowledged.keySet());
                // The recovered store takes further changes, and they survive a clean reopen.
                OpenStore next = OpenStore.open(image);
                OpenId e = OpenId.random();
                next.put(open(e, 9, List.of(), "e"));
                Map<OpenId, String> expected = new LinkedHashMap<>(recovered);
                expected.put(e, bytes(open(e, 9, List.of(), "e")));
                assertEquals(expected, content(OpenStore.open(image).recovered()));
                images++;
            }
        }
        assertEquals((operations + 1) * 10, images);
    }
}
