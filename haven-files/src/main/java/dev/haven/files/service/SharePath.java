package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A validated path inside a share: its components from the share root, never ".", "..", empty,
 * over 255 UTF-8 bytes, or holding a character no client may use in a name ([MS-FSCC] 2.1.5.2:
 * control characters and {@code \ / : * ? " < > |}). The empty path is the share root. Because no
 * component can climb, no path can leave the share.
 *
 * @param components the names from the share root, in order
 */
public record SharePath(List<String> components) {
    private static final int MAX_NAME_BYTES = 255;
    private static final String FORBIDDEN = "\\/:*?\"<>|";

    /** The share root. */
    public static final SharePath ROOT = new SharePath(List.of());

    /** Copies and validates the components. */
    public SharePath {
        components = List.copyOf(components);
        for (String c : components) {
            validate(c);
        }
    }

    /** Parses {@code path} split at {@code separator}; one leading separator is allowed. */
    public static SharePath parse(String path, char separator) {
        String p = path;
        if (!p.isEmpty() && p.charAt(0) == separator) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return ROOT;
        }
        return new SharePath(List.of(p.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1)));
    }

    private static void validate(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FileServiceException(FileServiceError.NAME_INVALID, "path component '" + name + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new FileServiceException(FileServiceError.NAME_INVALID, "name longer than 255 bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || FORBIDDEN.indexOf(ch) >= 0) {
                throw new FileServiceException(FileServiceError.NAME_INVALID, "name holds character " + (int) ch);
            }
            if (Character.isSurrogate(ch) && !(Character.isHighSurrogate(ch) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(++i)))) {
                throw new FileServiceException(FileServiceError.NAME_INVALID, "name holds a lone surrogate");
            }
        }
    }

    /** True for the share root. */
    public boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component (null for the root). */
    public String name() {
        return isRoot() ? null : components.get(components.size() - 1);
    }

    /** The containing directory's path (the root for a root entry). */
    public SharePath parent() {
        return isRoot() ? this : new SharePath(components.subList(0, components.size() - 1));
    }

    @Override
    public String toString() {
        return "/" + String.join("/", components);
    }
}
