package dev.haven.admin.api;

/**
 * A share, as listed and as created ({@code POST /api/v1/shares}; {@code path} defaults to
 * {@code /}, the flags to false).
 *
 * @param filesystem the file system it lives on
 * @param snapshot the snapshot it serves, or null for production
 * @param path the directory inside the file system
 */
public record ShareView(String name, String filesystem, String snapshot, String path, Boolean readOnly,
        Boolean encrypt, Boolean continuouslyAvailable) {
    /** A view without the continuous-availability flag (false). */
    public ShareView(String name, String filesystem, String snapshot, String path, Boolean readOnly, Boolean encrypt) {
        this(name, filesystem, snapshot, path, readOnly, encrypt, null);
    }
}
