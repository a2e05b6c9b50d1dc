/**
 * The {@code haven} command line: one picocli command class per noun ({@code volume},
 * {@code snapshot}, {@code fs}, ...), offline tools that work on volume files directly.
 */
package dev.haven.cli;
