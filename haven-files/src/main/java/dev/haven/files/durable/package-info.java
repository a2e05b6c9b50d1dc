/**
 * Durable opens: opens that outlive their front-end connection. A front-end hands an open whose
 * client asked for durability to {@link dev.haven.files.durable.DurableOpens} when its connection
 * goes; the open keeps its share mode, byte-range locks and lease while it waits, for its timeout,
 * for its owner to reclaim it from a new connection ([MS-SMB2] 3.3.7.1, 3.3.5.9.7, 3.3.5.9.12).
 * The rules of who may reclaim, when a preserved open ends (timeout, or a break another client's
 * open causes, which no one can acknowledge) live here, so every front-end shares them.
 */
package dev.haven.files.durable;
