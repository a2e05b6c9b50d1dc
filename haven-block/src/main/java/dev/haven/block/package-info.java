/**
 * The block-device abstraction that every storage layer of Haven sits on: a fixed-size array of
 * blocks with read, write, flush and a free-block hint. Production volumes, snapshot views, the
 * raw sparse files under them and the test devices all implement {@link dev.haven.block.BlockDevice}.
 */
package dev.haven.block;
