package dev.haven.files.service;

/**
 * An open's path from its share root with every component in the case it is stored in
 * ([MS-FSCC] 2.4.30 FileNormalizedNameInformation; [MS-FSA] 2.1.5.12.23): on a case-insensitive
 * share a file opened as {@code DIR\FILE.TXT} is reported as {@code Dir\File.txt}. The share root
 * is the empty name; a named stream is its file's path, ':' and the stream's name.
 */
public final class NormalizedName {
    private NormalizedName() {
    }

    /** The normalized path of {@code open}, components joined with {@code separator}. */
    public static String of(Open open, char separator) {
        Open.Location at = open.location();
        if (at == null) {
            return "";
        }
        Share share = open.share();
        StringBuilder out = new StringBuilder();
        FsCall.run(() -> {
            long dir = share.root();
            for (String component : at.path().components()) {
                String stored = share.fs().storedName(dir, component);
                out.append(out.isEmpty() ? "" : String.valueOf(separator)).append(stored);
                dir = share.fs().lookup(dir, stored).id();
            }
            return null;
        });
        return open.streamOf() != 0 ? out + ":" + at.name() : out.toString();
    }
}
