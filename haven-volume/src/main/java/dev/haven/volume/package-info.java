/**
 * Block volumes with copy-on-first-write read-only snapshots, writable snapshots built on them,
 * refresh, and restore of production from any snapshot while production stays online. Owns the
 * volume's on-disk format (docs/format/volume.md): the production data, the save volume and the
 * metadata log, and their crash-safe write ordering.
 */
package dev.haven.volume;
