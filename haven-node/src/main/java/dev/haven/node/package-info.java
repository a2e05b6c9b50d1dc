/**
 * The composition root of a Haven node: the data directory and its lock, the configuration file
 * ({@code haven.conf}) and its parser, the user store, the embedded default created on first
 * start, and the lifecycle of virtual file servers (volumes opened, HavenFS mounted, SMB servers
 * started, and all of it closed in order).
 */
package dev.haven.node;
