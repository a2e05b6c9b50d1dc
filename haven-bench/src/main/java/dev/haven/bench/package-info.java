/**
 * JMH benchmarks of Haven's storage layers, each measured beside the host's own {@code FileChannel}
 * in the same run (results and how to run them: {@code docs/benchmarks.md}).
 */
package dev.haven.bench;
