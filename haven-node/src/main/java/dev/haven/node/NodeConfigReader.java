package dev.haven.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives the sections of {@code haven.conf} their meaning: known keys, typed values, defaults and
 * references between sections. Every error names the file and the line it is on.
 */
public final class NodeConfigReader {
    /** The SMB port of the embedded default; 445 needs privileges, so Haven picks 4445. */
    public static final int DEFAULT_PORT = 4445;
    /** The listen address of the embedded default: this machine only, until the operator opens it up. */
    public static final String DEFAULT_LISTEN = "127.0.0.1";

    private final String file;

    private NodeConfigReader(String file) {
        this.file = file;
    }

    /** Reads and checks the configuration file at {@code path}. */
    public static NodeConfig read(Path path) throws IOException, ConfigException {
        return parse(path.getFileName().toString(), Files.readAllLines(path, StandardCharsets.UTF_8));
    }

    /** Parses and checks {@code lines}; {@code file} is the name used in error messages. */
    public static NodeConfig parse(String file, List<String> lines) throws ConfigException {
        return new NodeConfigReader(file).build(IniFile.parse(file, lines));
    }

    private NodeConfig build(List<IniFile.Section> sections) throws ConfigException {
        String name = "HAVEN";
        String domain = "WORKGROUP";
        List<VirtualServerConfig> servers = new ArrayList<>();
        List<IniFile.Section> fsSections = new ArrayList<>();
        List<IniFile.Section> shareSections = new ArrayList<>();
        for (IniFile.Section s : sections) {
            switch (s.kind()) {
                case "server" -> {
                    Fields f = new Fields(s, false, Set.of("name", "domain"));
                    name = f.text("name", name);
                    domain = f.text("domain", domain);
                }
                case "virtual-server" -> servers.add(virtualServer(s));
                case "filesystem" -> fsSections.add(s);
                case "share" -> shareSections.add(s);
                default -> throw new ConfigException(file, s.line(), "unknown section kind '" + s.kind()
                        + "' (expected server, virtual-server, filesystem or share)");
            }
        }
        if (servers.isEmpty()) {
            throw new ConfigException(file, sections.isEmpty() ? 1 : sections.get(0).line(),
                    "no [virtual-server NAME] section");
        }
        Map<String, FileSystemConfig> fileSystems = new HashMap<>();
        List<FileSystemConfig> fsList = new ArrayList<>();
        for (IniFile.Section s : fsSections) {
            FileSystemConfig fs = fileSystem(s, servers);
            fileSystems.put(fs.name(), fs);
            fsList.add(fs);
        }
        List<ShareDefinition> shares = new ArrayList<>();
        Set<String> shareNames = new HashSet<>();
        for (IniFile.Section s : shareSections) {
            ShareDefinition share = share(s, fileSystems);
            if (!shareNames.add(share.name().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(file, s.line(), "share names ignore case: " + s.title()
                        + " repeats another share");
            }
            shares.add(share);
        }
        return new NodeConfig(name, domain, servers, fsList, shares);
    }

    private VirtualServerConfig virtualServer(IniFile.Section s) throws ConfigException {
        Fields f = new Fields(s, true, Set.of("listen", "port", "encrypt", "signing", "anonymous"));
        int port = f.integer("port", DEFAULT_PORT, 0, 65535);
        List<String> listen = List.of(f.text("listen", DEFAULT_LISTEN).split("\\s*,\\s*"));
        if (listen.contains("") || listen.size() != new HashSet<>(listen).size()) {
            throw f.error("listen", "expected distinct addresses separated by ','");
        }
        return new VirtualServerConfig(s.name(), listen, port,
                f.choice("encrypt", "off", "required", "off").equals("required"),
                f.choice("signing", "required", "required", "optional").equals("required"),
                f.choice("anonymous", "off", "off", "on").equals("on"));
    }

    private FileSystemConfig fileSystem(IniFile.Section s, List<VirtualServerConfig> servers) throws ConfigException {
        Fields f = new Fields(s, true, Set.of("volume", "case", "virtual-server", "snapshot-hourly", "snapshot-daily"));
        String server = servers.size() == 1 ? f.text("virtual-server", servers.get(0).name())
                : f.required("virtual-server");
        if (servers.stream().noneMatch(v -> v.name().equals(server))) {
            throw f.error("virtual-server", "no [virtual-server " + server + "] section");
        }
        SnapshotSchedule schedule = new SnapshotSchedule(f.integer("snapshot-hourly", 0, 0, 10_000),
                f.integer("snapshot-daily", 0, 0, 10_000));
        return new FileSystemConfig(s.name(), server, f.required("volume"), f.caseHandling(CaseHandling.INSENSITIVE),
                schedule);
    }

    private ShareDefinition share(IniFile.Section s, Map<String, FileSystemConfig> fileSystems)
            throws ConfigException {
        Fields f = new Fields(s, true, Set.of("filesystem", "snapshot", "path", "read-only", "encrypt", "case",
                "continuously-available"));
        if (s.name().contains("/") || s.name().contains("\\")) {
            throw new ConfigException(file, s.line(), "share name '" + s.name() + "' must not contain '/' or '\\'");
        }
        String fsName = fileSystems.size() == 1 ? f.text("filesystem", fileSystems.keySet().iterator().next())
                : f.required("filesystem");
        FileSystemConfig fs = fileSystems.get(fsName);
        if (fs == null) {
            throw f.error("filesystem", "no [filesystem " + fsName + "] section");
        }
        String path = f.text("path", "/");
        if (!path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw f.error("path", "path must start with '/' and must not contain '..'");
        }
        CaseHandling caseHandling = f.caseHandling(fs.caseHandling());
        if (caseHandling != fs.caseHandling()) {
            // The file service matches names as the file system does; a share cannot differ.
            throw f.error("case", "filesystem " + fsName + " is case-" + fs.caseHandling().name().toLowerCase(Locale.ROOT)
                    + "; a share on it must be too");
        }
        return new ShareDefinition(s.name(), fsName, path, f.bool("read-only", false),
                f.choice("encrypt", "off", "required", "off").equals("required"), caseHandling,
                f.text("snapshot", null), f.bool("continuously-available", false));
    }

    /** The entries of one section, typed; unknown keys are refused at construction. */
    private final class Fields {
        private final IniFile.Section section;

        Fields(IniFile.Section section, boolean named, Set<String> known) throws ConfigException {
            this.section = section;
            if (named != (section.name() != null)) {
                throw new ConfigException(file, section.line(), named ? "[" + section.kind()
                        + "] needs a name: [" + section.kind() + " NAME]" : "[" + section.kind() + "] takes no name");
            }
            for (IniFile.Entry e : section.entries().values()) {
                if (!known.contains(e.key())) {
                    throw new ConfigException(file, e.line(), "unknown key '" + e.key() + "' in " + section.title());
                }
            }
        }

        ConfigException error(String key, String problem) {
            IniFile.Entry e = section.entries().get(key);
            int line = e == null ? section.line() : e.line();
            return new ConfigException(file, line, key + " in " + section.title() + ": " + problem);
        }

        String text(String key, String fallback) throws ConfigException {
            IniFile.Entry e = section.entries().get(key);
            if (e != null && e.value().isEmpty()) {
                throw error(key, "empty value");
            }
            return e == null ? fallback : e.value();
        }

        String required(String key) throws ConfigException {
            String v = text(key, null);
            if (v == null) {
                throw new ConfigException(file, section.line(), section.title() + " needs '" + key + " = ...'");
            }
            return v;
        }

        int integer(String key, int fallback, int min, int max) throws ConfigException {
            String v = text(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the allowed range
            }
            throw error(key, "'" + v + "' is not a number from " + min + " to " + max);
        }

        String choice(String key, String fallback, String... allowed) throws ConfigException {
            String v = text(key, fallback).toLowerCase(Locale.ROOT);
            if (!List.of(allowed).contains(v)) {
                throw error(key, "'" + v + "' is not one of " + String.join(", ", allowed));
            }
            return v;
        }

        boolean bool(String key, boolean fallback) throws ConfigException {
            String v = choice(key, fallback ? "yes" : "no", "yes", "no", "true", "false");
            return v.equals("yes") || v.equals("true");
        }

        CaseHandling caseHandling(CaseHandling fallback) throws ConfigException {
            String v = choice("case", fallback.name().toLowerCase(Locale.ROOT), "sensitive", "insensitive");
            return CaseHandling.valueOf(v.toUpperCase(Locale.ROOT));
        }
    }
}
