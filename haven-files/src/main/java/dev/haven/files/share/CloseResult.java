package dev.haven.files.share;

import dev.haven.files.FileKey;

/**
 * What the caller must do after an open was closed.
 *
 * @param file   the file the open was on
 * @param unlink true if this was the last open of a file marked for deletion: the caller removes
 *               the file from the file system now ([MS-FSA] 2.1.5.4)
 */
public record CloseResult(FileKey file, boolean unlink) {}
