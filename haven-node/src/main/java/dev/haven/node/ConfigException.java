package dev.haven.node;

/** An invalid configuration file; the message names the file and line ({@code haven.conf:12: ...}). */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /** A problem at {@code line} (1-based) of {@code file}. */
    public ConfigException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file name as given to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line the problem is on. */
    public int line() {
        return line;
    }
}
