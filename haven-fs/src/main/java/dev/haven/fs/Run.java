package dev.haven.fs;

/**
 * A piece of a file's block range: {@code length} file blocks from {@code fileBlock}, stored from
 * device block {@code device}, or a hole when {@code device < 0}. {@code fresh} marks blocks
 * allocated by the running write, whose old content must never be read.
 */
record Run(long fileBlock, long device, long length, boolean fresh) {
    boolean hole() {
        return device < 0;
    }

    long end() {
        return fileBlock + length;
    }

    /** This run cut into pieces of at most {@code max} blocks, so that no transfer buffer grows past a few MiB. */
    java.util.List<Run> pieces(long max) {
        java.util.List<Run> out = new java.util.ArrayList<>();
        for (long at = 0; at < length; at += max) {
            out.add(new Run(fileBlock + at, hole() ? -1 : device + at, Math.min(max, length - at), fresh));
        }
        return out;
    }
}
