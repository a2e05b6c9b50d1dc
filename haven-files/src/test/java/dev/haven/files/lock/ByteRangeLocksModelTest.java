package dev.haven.files.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import dev.haven.files.SeededRuns;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model-based random test: random lock, wait, unlock, cancel, close and I/O checks against a
 * brute-force oracle that states [MS-FSA] 2.1.4.10 / 2.1.5.8 / 2.1.5.9 in exact (BigInteger)
 * arithmetic. Seeded; a failure names its seed, and {@code -Dhaven.seed=N} replays that one case.
 */
class ByteRangeLocksModelTest {
    private static final FileKey FILE = new FileKey(3, 3);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long[] OFFSETS = {0, 1, 2, 3, 5, 8, 10, 13, Long.MAX_VALUE, Long.MIN_VALUE, -3, -2, -1};
    private static final long[] LENGTHS = {0, 1, 2, 3, 5, 8, Long.MAX_VALUE, Long.MIN_VALUE, -2, -1};

    /** One lock or waiting request in the oracle. */
    private record Lock(int open, int owner, BigInteger offset, BigInteger length, boolean exclusive) {
        BigInteger last() {
            return offset.add(length).subtract(BigInteger.ONE);
        }

        boolean isNull() {
            return offset.signum() == 0 && length.signum() == 0;
        }

        boolean overlaps(BigInteger off, BigInteger len) {
            if (isNull() || (off.signum() == 0 && len.signum() == 0)) {
                return false;
            }
            BigInteger lastOther = off.add(len).subtract(BigInteger.ONE);
            return off.compareTo(last()) <= 0 && lastOther.compareTo(offset) >= 0;
        }

        boolean blocks(int o, int w, BigInteger off, BigInteger len, boolean excl, boolean lockIntent) {
            if (!overlaps(off, len)) {
                return false;
            }
            if (exclusive) {
                return open != o || owner != w || (excl && lockIntent);
            }
            return excl;
        }
    }

    /** The oracle: granted locks in grant order, waiters in arrival order with their request ids. */
    private static final class Oracle {
        final List<Lock> granted = new ArrayList<>();
        final List<Lock> waiting = new ArrayList<>();
        final List<Integer> waitingIds = new ArrayList<>();
        final List<Integer> grantedIds = new ArrayList<>();

        boolean blocked(Lock l) {
            return granted.stream().anyMatch(g -> g.blocks(l.open, l.owner, l.offset, l.length, l.exclusive, true));
        }

        void wake() {
            for (int i = 0; i < waiting.size(); ) {
                if (!blocked(waiting.get(i))) {
                    granted.add(waiting.remove(i));
                    grantedIds.add(waitingIds.remove(i));
                } else {
                    i++;
                }
            }
        }
    }

    @Test
    void randomOperationsMatchTheOracle() {
        SeededRuns.run(300, this::runSteps);
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private void runSteps(long seed) {
        Random rnd = new Random(seed);
        ByteRangeLocks locks = new ByteRangeLocks();
        Oracle oracle = new Oracle();
        OpenId[] opens = {OpenId.random(), OpenId.random(), OpenId.random()};
        List<PendingLock> pendings = new ArrayList<>();
        List<Integer> pendingIds = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int o = rnd.nextInt(opens.length);
            int w = rnd.nextInt(2);
            long off = OFFSETS[rnd.nextInt(OFFSETS.length)];
            long len = LENGTHS[rnd.nextInt(LENGTHS.length)];
            boolean excl = rnd.nextBoolean();
            Lock l = new Lock(o, w, unsigned(off), unsigned(len), excl);
            boolean invalid = len != 0 && l.last().compareTo(TWO_64) >= 0;
            int op = rnd.nextInt(8);
            String what = "step " + step + " op " + op + " " + l;
            FileServiceError expected = null;
            FileServiceError actual = null;
            switch (op) {
                case 0, 1 -> { // fail-immediately lock
                    if (invalid) {
                        expected = FileServiceError.INVALID_LOCK_RANGE;
                    } else if (oracle.blocked(l)) {
                        expected = FileServiceError.LOCK_NOT_GRANTED;
                    } else {
                        oracle.granted.add(l);
                        oracle.grantedIds.add(-1);
                    }
                    actual = errorOf(() -> locks.lock(FILE, opens[o], new OwnerId(w), off, len, excl));
                }
                case 2 -> { // blocking lock
                    int id = pendings.size();
                    if (invalid) {
                        expected = FileServiceError.INVALID_LOCK_RANGE;
                    } else if (oracle.blocked(l)) {
                        oracle.waiting.add(l);
                        oracle.waitingIds.add(id);
                    } else {
                        oracle.granted.add(l);
                        oracle.grantedIds.add(id);
                    }
                    actual = errorOf(() -> {
                        pendings.add(locks.lockOrWait(FILE, opens[o], new OwnerId(w), off, len, excl));
                        pendingIds.add(id);
                    });
                }
                case 3, 4 -> { // unlock: half the time one that exists
                    Lock target = l;
                    if (rnd.nextBoolean() && !oracle.granted.isEmpty()) {
                        target = oracle.granted.get(rnd.nextInt(oracle.granted.size()));
                    }
                    expected = oracleUnlock(oracle, target, invalid && target == l);
                    Lock t = target;
                    actual = errorOf(() -> locks.unlock(FILE, opens[t.open], new OwnerId(t.owner),
                            t.offset.longValue(), t.length.longValue()));
                }
                case 5 -> { // cancel a pending request
                    if (pendings.isEmpty()) {
                        continue;
                    }
                    int k = rnd.nextInt(pendings.size());
                    int idx = oracle.waitingIds.indexOf(pendingIds.get(k));
                    boolean expectCancelled = idx >= 0;
                    if (expectCancelled) {
                        oracle.waiting.remove(idx);
                        oracle.waitingIds.remove(idx);
                    }
                    assertEquals(expectCancelled, pendings.get(k).cancel(), what);
                }
                case 6 -> { // close an open
                    oracle.granted.removeIf(g -> g.open == o);
                    for (int i = oracle.waiting.size() - 1; i >= 0; i--) {
                        if (oracle.waiting.get(i).open == o) {
                            oracle.waiting.remove(i);
                            oracle.waitingIds.remove(i);
                        }
                    }
                    oracle.wake();
                    locks.closeOpen(FILE, opens[o]);
                }
                default -> { // read or write check
                    boolean write = rnd.nextBoolean();
                    if (len != 0 && invalid) {
                        expected = FileServiceError.INVALID_PARAMETER;
                    } else if (len != 0 && oracle.granted.stream().anyMatch(g -> g.blocks(o, w, l.offset, l.length, write, false))) {
                        expected = FileServiceError.LOCK_CONFLICT;
                    }
                    actual = errorOf(() -> {
                        if (write) {
                            locks.checkWrite(FILE, opens[o], new OwnerId(w), off, len);
                        } else {
                            locks.checkRead(FILE, opens[o], new OwnerId(w), off, len);
                        }
                    });
                }
            }
            assertEquals(expected, actual, what);
            compare(oracle, locks, opens, pendings, pendingIds, what);
        }
    }

    private static FileServiceError oracleUnlock(Oracle oracle, Lock target, boolean invalid) {
        if (invalid) {
            return FileServiceError.INVALID_LOCK_RANGE;
        }
        int victim = -1;
        for (int i = 0; i < oracle.granted.size(); i++) {
            Lock g = oracle.granted.get(i);
            if (g.open == target.open && g.owner == target.owner && g.offset.equals(target.offset) && g.length.equals(target.length)) {
                victim = i;
                if (g.exclusive) {
                    break;
                }
            }
        }
        if (victim < 0) {
            return FileServiceError.RANGE_NOT_LOCKED;
        }
        oracle.granted.remove(victim);
        oracle.grantedIds.remove(victim);
        oracle.wake();
        return null;
    }

    private static void compare(Oracle oracle, ByteRangeLocks locks, OpenId[] opens, List<PendingLock> pendings,
            List<Integer> pendingIds, String what) {
        List<String> expected = oracle.granted.stream()
                .map(g -> opens[g.open] + "/" + g.owner + "/" + g.offset + "+" + g.length + "/" + g.exclusive).toList();
        List<String> actual = locks.locksOf(FILE).stream()
                .map(g -> g.open() + "/" + g.owner().value() + "/" + unsigned(g.range().offset()) + "+"
                        + unsigned(g.range().length()) + "/" + g.exclusive()).toList();
        assertEquals(expected, actual, what);
        assertEquals(oracle.waiting.size(), locks.waitingOn(FILE), what);
        for (int k = 0; k < pendings.size(); k++) {
            boolean expectWaiting = oracle.waitingIds.contains(pendingIds.get(k));
            assertEquals(expectWaiting, !pendings.get(k).future().isDone(), what + " pending " + k);
        }
    }

    private static FileServiceError errorOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (FileServiceException e) {
            return e.error();
        }
    }
}
