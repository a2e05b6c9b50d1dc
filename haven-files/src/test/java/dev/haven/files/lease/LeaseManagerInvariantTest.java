package dev.haven.files.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.SeededRuns;
import dev.haven.files.lease.BreakNotification.LeaseBreak;
import dev.haven.files.lease.BreakNotification.OplockBreak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import dev.haven.testkit.ManualClock;

/**
 * Seeded random runs of opens, I/O, acknowledgments, timeouts and closes by a front-end that
 * waits for its breaks as [MS-SMB2] 3.3.4.6/3.3.4.7 require, checking after every step that
 * write caching is exclusive, lease states are legal, and every wait ends at the latest when the
 * break timeout passes. A failure names its seed; {@code -Dhaven.seed=N} replays it.
 */
class LeaseManagerInvariantTest {
    private static final FileKey FILE = new FileKey(9, 9);
    private static final ClientGuid[] CLIENTS = {new ClientGuid(new UUID(0, 1)), new ClientGuid(new UUID(0, 2))};
    private static final LeaseKey[] KEYS = {new LeaseKey(1, 1), new LeaseKey(2, 2)};
    private static final LeaseState[] STATES = {LeaseState.NONE, LeaseState.R, LeaseState.RH, LeaseState.RW, LeaseState.RWH};
    private static final BreakCause[] IO = {BreakCause.READ, BreakCause.WRITE, BreakCause.LOCK, BreakCause.HANDLE_CONFLICT};

    @Test
    void randomRunsKeepCachingConsistent() {
        if (SeededRuns.run(200, seed -> new Run(seed).steps())) {
            // The runs must really exercise the machinery, not pass by doing nothing.
            assertTrue(breaksSeen > 100 && acksAccepted > 50 && writersSeen > 50,
                    "breaks " + breaksSeen + ", acks " + acksAccepted + ", writers " + writersSeen);
        }
    }

    private int breaksSeen;
    private int acksAccepted;
    private int writersSeen;

    private final class Run {
        final Random rnd;
        final ManualClock clock = new ManualClock();
        final ManualScheduler scheduler = new ManualScheduler(clock);
        /** The latest break needing an ack, per holder: what a well-behaved client would acknowledge. */
        final Map<OplockKey, BreakNotification> outstanding = new LinkedHashMap<>();
        final LeaseManager leases = new LeaseManager(clock, scheduler, this::onBreak, LeaseManager.DEFAULT_BREAK_TIMEOUT);
        final Map<OpenId, OplockKey> opens = new LinkedHashMap<>();

        Run(long seed) {
            rnd = new Random(seed);
        }

        void onBreak(BreakNotification n) {
            breaksSeen++;
            OplockKey key = switch (n) {
                case OplockBreak o -> OplockKey.of(o.open());
                case LeaseBreak l -> OplockKey.of(l.client(), l.leaseKey());
            };
            if (n.ackRequired()) {
                outstanding.put(key, n);
            }
        }

        void steps() {
            for (int step = 0; step < 80; step++) {
                int op = rnd.nextInt(10);
                if (op < 4 || opens.isEmpty()) {
                    newOpen();
                } else if (op < 7) {
                    OpenId io = pick();
                    await(leases.breakFor(FILE, io, IO[rnd.nextInt(IO.length)]));
                } else if (op < 8) {
                    ackSome();
                } else {
                    OpenId gone = pick();
                    leases.close(gone);
                    opens.remove(gone);
                    outstanding.remove(OplockKey.of(gone));
                }
                check("step " + step);
            }
        }

        OpenId pick() {
            List<OpenId> all = new ArrayList<>(opens.keySet());
            return all.get(rnd.nextInt(all.size()));
        }

        void newOpen() {
            OpenId open = OpenId.random();
            boolean lease = rnd.nextBoolean();
            OplockKey key = lease ? OplockKey.of(CLIENTS[rnd.nextInt(2)], KEYS[rnd.nextInt(2)]) : OplockKey.of(open);
            await(leases.breakFor(FILE, key, rnd.nextInt(5) == 0 ? BreakCause.OPEN_OVERWRITE : BreakCause.OPEN));
            if (key instanceof OplockKey.OfLease l) {
                LeaseGrant g = leases.openWithLease(FILE, open, l.client(), l.leaseKey(), STATES[rnd.nextInt(STATES.length)],
                        LeaseKey.ZERO, 0);
                assertTrue(g.state().isValid(), g.toString());
            } else {
                leases.openWithOplock(FILE, open, OplockLevel.values()[rnd.nextInt(4)]);
            }
            opens.put(open, key);
        }

        /** Resolves a wait as clients would: by acknowledging, or by staying silent until the timeout. */
        void await(BreakWait wait) {
            for (int rounds = 0; !wait.isDone(); rounds++) {
                assertTrue(rounds < 20, "a wait did not end");
                if (rnd.nextBoolean()) {
                    ackSome();
                } else {
                    scheduler.advance(LeaseManager.DEFAULT_BREAK_TIMEOUT);
                }
            }
        }

        void ackSome() {
            for (var e : List.copyOf(outstanding.entrySet())) {
                outstanding.remove(e.getKey());
                try {
                    switch (e.getValue()) {
                        case OplockBreak o -> leases.acknowledgeOplock(o.open(), o.to());
                        case LeaseBreak l -> leases.acknowledgeLease(l.client(), l.leaseKey(), l.to());
                    }
                    acksAccepted++;
                } catch (FileServiceException stale) {
                    // The break ended by timeout or close before this client answered: the server refuses.
                }
            }
        }

        void check(String when) {
            Map<OplockKey, LeaseState> caching = new LinkedHashMap<>();
            for (var e : opens.entrySet()) {
                LeaseState s = switch (e.getValue()) {
                    case OplockKey.OfLease l -> leases.leaseOf(l.client(), l.leaseKey()).orElseThrow().state();
                    case OplockKey.OfOpen o -> leases.oplockOf(o.open()).caching();
                };
                assertTrue(s.isValid(), when + ": " + s);
                caching.put(e.getValue(), s);
            }
            long writers = caching.values().stream().filter(s -> s.has(LeaseState.WRITE_CACHING)).count();
            if (writers > 0) {
                writersSeen++;
                assertEquals(1, caching.size(), when + ": write caching beside other keys' opens " + caching);
            }
            // Silence from every client ends every break within one timeout.
            Duration timeout = LeaseManager.DEFAULT_BREAK_TIMEOUT;
            if (rnd.nextInt(10) == 0) {
                scheduler.advance(timeout);
                scheduler.advance(timeout);
                assertEquals(0, scheduler.pending(), when);
            }
        }
    }
}
