/**
 * The {@code haven} command line: one picocli command class per noun ({@code volume},
 * {@code snapshot}, {@code fs}, {@code user}, ...), offline tools that work on volume files
 * directly, and {@code serve}, which runs a node (haven-node) until SIGTERM.
 */
package dev.haven.cli;
