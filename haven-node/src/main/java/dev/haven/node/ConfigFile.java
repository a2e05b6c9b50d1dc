package dev.haven.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Changes to {@code haven.conf} made by the running node (shares added or deleted through the
 * admin API), so they survive a restart. The operator's comments and layout are kept: a section
 * is appended, or its lines (header to the next header) are removed. Every change is written to
 * a temporary file, forced, and renamed over the old one.
 */
final class ConfigFile {
    private ConfigFile() {}

    /** Appends {@code section} (its text, header first) to the file. */
    static void append(Path file, String section) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String sep = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        writeAtomically(file, text + sep + section);
    }

    /** Removes section {@code [kind name]} (the header and every line up to the next header). */
    static void remove(Path file, String kind, String name) throws IOException {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        String wanted = ("[" + kind + " " + name + "]").toLowerCase(Locale.ROOT);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.startsWith("[")) {
                skipping = t.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT).equals(wanted);
            }
            if (!skipping) {
                out.add(line);
            }
        }
        writeAtomically(file, String.join("\n", out) + "\n");
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
