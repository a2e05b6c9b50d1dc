package dev.haven.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI-like syntax of {@code haven.conf}, with line numbers kept for error messages:
 * <pre>
 * # a comment (also after a value: ' #' starts one)
 * [kind name]        a section; kind is one word, name optional
 * key = value        an entry of the section above
 * </pre>
 * Only syntax is checked here; {@link NodeConfigReader} gives the sections their meaning.
 */
final class IniFile {
    private IniFile() {}

    /** One {@code key = value} line. */
    record Entry(String key, String value, int line) {}

    /** One section with its entries in file order. */
    record Section(String kind, String name, int line, Map<String, Entry> entries) {
        String title() {
            return name == null ? "[" + kind + "]" : "[" + kind + " " + name + "]";
        }
    }

    /** Parses {@code lines} of the file called {@code file}. */
    static List<Section> parse(String file, List<String> lines) throws ConfigException {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        for (int i = 0; i < lines.size(); i++) {
            int no = i + 1;
            String text = stripComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("[")) {
                current = header(file, no, text);
                for (Section s : sections) {
                    if (s.title().equals(current.title())) {
                        throw new ConfigException(file, no, "duplicate section " + current.title()
                                + " (first at line " + s.line() + ")");
                    }
                }
                sections.add(current);
                continue;
            }
            if (current == null) {
                throw new ConfigException(file, no, "'" + text + "' is outside any section");
            }
            Entry e = entry(file, no, text);
            Entry before = current.entries().putIfAbsent(e.key(), e);
            if (before != null) {
                throw new ConfigException(file, no, "duplicate key '" + e.key() + "' in " + current.title()
                        + " (first at line " + before.line() + ")");
            }
        }
        return sections;
    }

    private static String stripComment(String line) {
        String t = line.stripLeading();
        if (t.startsWith("#")) {
            return "";
        }
        int hash = line.indexOf(" #");
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static Section header(String file, int no, String text) throws ConfigException {
        if (!text.endsWith("]")) {
            throw new ConfigException(file, no, "section header must end with ']'");
        }
        String[] words = text.substring(1, text.length() - 1).strip().split("\\s+");
        if (words[0].isEmpty() || words.length > 2) {
            throw new ConfigException(file, no, "section header must be [kind] or [kind name]");
        }
        return new Section(words[0], words.length == 2 ? words[1] : null, no, new LinkedHashMap<>());
    }

    private static Entry entry(String file, int no, String text) throws ConfigException {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(file, no, "expected 'key = value', got '" + text + "'");
        }
        String key = text.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw new ConfigException(file, no, "missing key before '='");
        }
        return new Entry(key, text.substring(eq + 1).strip(), no);
    }
}
