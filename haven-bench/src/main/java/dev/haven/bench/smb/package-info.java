/**
 * JMH micro-benchmarks of haven-smb's per-message work: AES-GMAC signing of one message through
 * one session's {@code MessageSigner} ({@link dev.haven.bench.smb.GmacSignBench}). Results:
 * docs/benchmarks.md, SMB section.
 */
package dev.haven.bench.smb;
