package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import java.nio.charset.StandardCharsets;

/**
 * [MS-FSCC] 2.1.4 a name with a stream part, {@code file:stream:$DATA}: the base name and the
 * stream name, null for the default (unnamed) stream ({@code file} and {@code file::$DATA}). Only
 * data streams exist, so the type, when given, must be {@code $DATA} (any case). A stream name
 * holds no {@code \ / :} or NUL and has at most 255 UTF-8 bytes.
 *
 * @param base   the file's name
 * @param stream the stream's name, null for the default stream, "" when named explicitly ({@code ::$DATA})
 */
public record StreamName(String base, String stream) {
    private static final String DATA = "$DATA";
    private static final int MAX_NAME_BYTES = 255;

    /** Splits a last path component at its colons; a bad stream part is NAME_INVALID. */
    public static StreamName split(String component) {
        int colon = component.indexOf(':');
        if (colon < 0) {
            return new StreamName(component, null);
        }
        String[] parts = component.split(":", -1);
        if (parts.length > 3 || parts.length == 3 && !parts[2].equalsIgnoreCase(DATA)) {
            throw invalid(component);
        }
        String stream = parts[1];
        if (stream.isEmpty()) {
            if (parts.length == 2) {
                throw invalid(component); // "file:" names no stream and no type
            }
            return new StreamName(parts[0], "");
        }
        if (stream.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                || stream.chars().anyMatch(c -> c == 0 || c == '/' || c == '\\')) {
            throw invalid(component);
        }
        return new StreamName(parts[0], stream);
    }

    private static FileServiceException invalid(String component) {
        return new FileServiceException(FileServiceError.NAME_INVALID, "stream name in '" + component + "'");
    }
}
