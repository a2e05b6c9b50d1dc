/**
 * Oplocks and leases: what caching a client may do on a file, which operations of other opens
 * break it and to what ([MS-FSA] 2.1.4.12, 2.1.5.18; [MS-SMB2] 3.3.5.9.8, 3.3.5.9.11, 3.3.4.6,
 * 3.3.4.7, 3.3.5.22), break notifications to the front-end through a
 * {@link dev.haven.files.lease.BreakListener} (each front-end subscribes to the
 * {@link dev.haven.files.lease.LeaseManager}), acknowledgments, and break timeouts driven by an
 * injected clock and {@link dev.haven.files.lease.BreakScheduler}. Owns
 * {@link dev.haven.files.lease.LeaseManager}; no I/O.
 *
 * <p>Oplocks and leases are one model here: an oplock level is a caching state (LEVEL_II = R,
 * EXCLUSIVE = RW, BATCH = RWH) held by one open; a lease is a caching state held by every open
 * with the same client GUID and lease key. Both are "holders" keyed by an
 * {@link dev.haven.files.lease.OplockKey}, and operations through the same key never break it.
 */
package dev.haven.files.lease;
