package dev.haven.fs;

/** A key with its value, as the tree hands it out. */
record Item(Key key, byte[] value) {
}
