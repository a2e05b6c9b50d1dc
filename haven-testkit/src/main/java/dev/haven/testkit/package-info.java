/**
 * Test fixtures shared by every module: an in-memory block device, a fault-injecting block device
 * that cuts power at a chosen write position and yields the torn, lost and reordered images a real
 * crash can leave, and the contract suite every {@link dev.haven.block.BlockDevice} must pass.
 */
package dev.haven.testkit;
