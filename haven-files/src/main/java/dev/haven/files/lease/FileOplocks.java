package dev.haven.files.lease;

import dev.haven.files.FileKey;
import dev.haven.files.OpenId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The oplock and lease rules for one file: its opens with their oplock keys, its holders and the
 * operations waiting for breaks. Not thread-safe: {@link LeaseManager} calls it under the file's lock.
 */
final class FileOplocks {
    private final FileKey file;
    final Map<OpenId, OplockKey> opens = new LinkedHashMap<>();
    final Map<OplockKey, Holder> holders = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    /**
     * An operation waiting for breaks: for each holder, the state it needed the holder to reach.
     * It stops waiting on a holder once the holder reached that state, stopped breaking, closed,
     * or keeps only caching this kind of operation does not wait for.
     */
    private record Waiter(Map<OplockKey, LeaseState> needed, BreakCause cause, CompletableFuture<Void> future) {}

    FileOplocks(FileKey file) {
        this.file = file;
    }

    boolean isEmpty() {
        return opens.isEmpty() && holders.isEmpty() && waiters.isEmpty();
    }

    /**
     * Breaks every holder other than {@code requester} that {@code cause} conflicts with and
     * returns the wait for those whose acknowledgment the operation needs ([MS-FSA] 2.1.4.12).
     * {@code startBreak} arms the timeout of a break that needs an acknowledgment.
     */
    BreakWait breakFor(OplockKey requester, BreakCause cause, Effects effects, Consumer<Holder> startBreak) {
        Map<OplockKey, LeaseState> waitFor = new LinkedHashMap<>();
        for (Holder h : List.copyOf(holders.values())) {
            if (h.key.equals(requester) && !breaksOwnLevelII(h, cause)) {
                continue; // [MS-SMB2] 3.3.5.9.8: opens with the same lease key do not break each other
            }
            if (h.isLease() && cause == BreakCause.OPLOCK_ONLY_OPEN) {
                continue;
            }
            LeaseState base = h.base();
            LeaseState target = h.isLease() ? cause.leaseTarget(base) : cause.oplockTarget(base);
            if (!target.equals(base)) {
                lower(h, target, effects, startBreak);
            }
            if (h.isBreaking() && cause.waitsForAck(h.state, h.breakTo, target, h.isLease())) {
                waitFor.put(h.key, target);
            }
        }
        if (waitFor.isEmpty()) {
            return BreakWait.DONE;
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.add(new Waiter(waitFor, cause, future));
        return new BreakWait(future);
    }

    /**
     * [MS-FSA] 2.1.4.12: a write or a byte-range lock breaks every Level II oplock, the one of
     * the open doing it included (smb2.oplock.batch1: "a self break to none"); a lease's own
     * operations never break it.
     */
    private static boolean breaksOwnLevelII(Holder h, BreakCause cause) {
        return !h.isLease() && (cause == BreakCause.WRITE || cause == BreakCause.LOCK)
                && !h.base().has(LeaseState.WRITE_CACHING);
    }

    /** Moves a holder towards {@code target}: at once from read-only caching, else by a break awaiting an ack. */
    void lower(Holder h, LeaseState target, Effects effects, Consumer<Holder> startBreak) {
        lower(h, target, true, effects, startBreak);
    }

    /**
     * {@link #lower(Holder, LeaseState, Effects, Consumer)}; a lease's epoch moves only for a
     * {@code newEpoch} break: the breaks that continue an acknowledged one keep it (as Samba,
     * which smb2.lease.v2_breaking3 checks).
     */
    private void lower(Holder h, LeaseState target, boolean newEpoch, Effects effects, Consumer<Holder> startBreak) {
        if (h.isBreaking()) {
            h.wantedTo = h.wantedTo.intersect(target); // sent after the current break is acknowledged
            return;
        }
        LeaseState from = h.state;
        // [MS-FSA] 2.1.4.12: a break from read caching alone (Level II, R) needs no acknowledgment.
        boolean ackRequired = from.has(LeaseState.WRITE_CACHING) || from.has(LeaseState.HANDLE_CACHING);
        if (h.isLease() && newEpoch) {
            h.bumpEpoch();
        }
        if (ackRequired) {
            h.phase = h.phase.to(HolderPhase.BREAKING);
            h.breakTo = target;
            h.wantedTo = target;
            h.breakGeneration++;
            startBreak.accept(h);
        } else {
            h.state = target;
        }
        effects.notifications.add(notification(h, from, target, ackRequired));
        if (!ackRequired && !h.isLease() && target.equals(LeaseState.NONE)) {
            holders.remove(h.key); // an oplock broken to none is no oplock; the open stays
            h.phase = h.phase.to(HolderPhase.GONE);
        }
    }

    private BreakNotification notification(Holder h, LeaseState from, LeaseState to, boolean ackRequired) {
        return switch (h.key) {
            case OplockKey.OfLease l -> new BreakNotification.LeaseBreak(file, l.client(), l.leaseKey(), from, to, h.epoch, ackRequired,
                    h.v2);
            case OplockKey.OfOpen o -> new BreakNotification.OplockBreak(file, o.open(), OplockLevel.fromCaching(from),
                    OplockLevel.fromCaching(to), ackRequired);
        };
    }

    /**
     * Ends a break at {@code acked} (an acknowledgment, or NONE on timeout); if later operations
     * asked for less than that, breaks again from there ([MS-SMB2] 3.3.5.22.2 then 3.3.4.7).
     */
    void finishBreak(Holder h, LeaseState acked, Effects effects, Consumer<Holder> startBreak) {
        h.cancelTimeout();
        LeaseState wanted = h.wantedTo;
        h.state = acked;
        h.phase = h.phase.to(HolderPhase.HELD);
        h.breakTo = null;
        h.wantedTo = null;
        if (!h.isLease() && acked.equals(LeaseState.NONE)) {
            holders.remove(h.key);
            h.phase = h.phase.to(HolderPhase.GONE);
        } else if (!acked.isSubsetOf(wanted)) {
            LeaseState target = acked.intersect(wanted);
            if (!h.isLease()) {
                lower(h, BreakCause.toOplockBreak(acked, target), false, effects, startBreak);
            } else if ((acked.has(LeaseState.HANDLE_CACHING) || acked.has(LeaseState.WRITE_CACHING))
                    && !target.has(LeaseState.READ_CACHING)) {
                // As Windows does, and Samba after it (smb2.lease.breaking3, v2_breaking3): a lease
                // that still caches handles or writes after its ack is broken in steps, first to
                // read caching (acknowledged), then to none (no ack).
                lower(h, LeaseState.R, false, effects, startBreak);
                h.wantedTo = BreakCause.normalize(target);
            } else {
                lower(h, BreakCause.normalize(target), false, effects, startBreak);
            }
        }
        releaseWaiters(effects);
    }

    /** Forgets an open; the last open of a holder takes the holder with it, and waits on it end. */
    void close(OpenId open, Effects effects, Consumer<Holder> forget) {
        OplockKey key = opens.remove(open);
        Holder h = key == null ? null : holders.get(key);
        if (h != null) {
            h.opens.remove(open);
            if (h.opens.isEmpty()) {
                h.cancelTimeout();
                holders.remove(key);
                h.phase = h.phase.to(HolderPhase.GONE);
                forget.accept(h);
            }
        }
        releaseWaiters(effects);
    }

    /** Completes the waits none of whose holders is still breaking. */
    void releaseWaiters(Effects effects) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            w.needed.entrySet().removeIf(e -> {
                Holder h = holders.get(e.getKey());
                return h == null || !h.isBreaking() || h.state.isSubsetOf(e.getValue())
                        || !w.cause.waitsForAck(h.state, h.breakTo, e.getValue(), h.isLease());
            });
            if (w.needed.isEmpty()) {
                it.remove();
                effects.released.add(w.future);
            }
        }
    }

    /** True if any open of another key is on the file: then no one may cache writes alone. */
    boolean hasOtherOpens(OplockKey key) {
        return opens.values().stream().anyMatch(k -> !k.equals(key));
    }

    /** True if a holder of another key, a lease or an oplock as {@code lease} says, holds {@code caching}. */
    boolean hasOther(OplockKey key, boolean lease, int caching) {
        return holders.values().stream()
                .anyMatch(h -> !h.key.equals(key) && h.isLease() == lease && h.state.has(caching));
    }

    /** True if another holder caches writes (or is still breaking from it): then only NONE may be granted. */
    boolean hasOtherWriter(OplockKey key) {
        return holders.values().stream().anyMatch(h -> !h.key.equals(key) && h.state.has(LeaseState.WRITE_CACHING));
    }
}
