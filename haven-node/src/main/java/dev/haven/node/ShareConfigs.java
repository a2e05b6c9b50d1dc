package dev.haven.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Offline changes to the shares of {@code haven.conf} (no node runs; the caller holds the data
 * directory's lock). The new text is parsed before it is written, so a change that would stop the
 * next start (an unknown file system, a repeated name) is refused instead.
 */
public final class ShareConfigs {
    private ShareConfigs() {}

    /** Adds {@code share} to the configuration of {@code dir}. */
    public static void add(DataDirectory dir, ShareDefinition share) throws IOException, ConfigException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.configFile(), StandardCharsets.UTF_8));
        lines.add("");
        lines.addAll(List.of(share.section().split("\n")));
        NodeConfigReader.parse(DataDirectory.CONFIG, lines);
        ConfigFile.append(dir.configFile(), share.section());
    }

    /** Removes share {@code name} from the configuration of {@code dir}. */
    public static void delete(DataDirectory dir, String name) throws IOException, ConfigException {
        NodeConfig config = NodeConfigReader.read(dir.configFile());
        String lower = name.toLowerCase(Locale.ROOT);
        ShareDefinition share = config.shares().stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no share named " + name));
        ConfigFile.remove(dir.configFile(), "share", share.name());
    }
}
