package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path tmp;

    @Test
    void appendsAndRemovesASectionKeepingTheRest() throws Exception {
        Path f = tmp.resolve("haven.conf");
        String original = "# my comment\n[server]\nname = X\n\n[share a]\npath = /\n# about b\n[share b]\npath = /b\n";
        Files.writeString(f, original);
        ConfigFile.append(f, "[share c]\npath = /c\n");
        assertEquals(original + "\n[share c]\npath = /c\n", Files.readString(f));
        ConfigFile.remove(f, "share", "b");
        assertEquals("# my comment\n[server]\nname = X\n\n[share a]\npath = /\n# about b\n[share c]\npath = /c\n",
                Files.readString(f));
    }

    @Test
    void offlineShareChangesAreCheckedBeforeTheyAreWritten() throws Exception {
        try (DataDirectory dir = DataDirectory.lock(tmp)) {
            Files.writeString(dir.configFile(), EmbeddedDefault.text("127.0.0.1", 0));
            ShareDefinition docs = new ShareDefinition("docs", "data", "/", true, false, CaseHandling.INSENSITIVE);
            ShareConfigs.add(dir, docs);
            assertEquals(docs, NodeConfigReader.read(dir.configFile()).shares().get(1));
            assertThrows(ConfigException.class, () -> ShareConfigs.add(dir, docs), "names are unique");
            assertThrows(ConfigException.class, () -> ShareConfigs.add(dir,
                    new ShareDefinition("x", "nope", "/", false, false, CaseHandling.INSENSITIVE)));
            ShareConfigs.delete(dir, "DOCS");
            assertEquals(1, NodeConfigReader.read(dir.configFile()).shares().size());
            assertThrows(NoSuchElementException.class, () -> ShareConfigs.delete(dir, "docs"));
        }
    }

    @Test
    void aHeldDataDirectoryIsSeenFromThisProcessWithoutLosingItsLock() throws Exception {
        assertEquals(false, DataDirectory.isHeld(tmp));
        try (DataDirectory dir = DataDirectory.lock(tmp)) {
            assertEquals(tmp, dir.root());
            assertEquals(true, DataDirectory.isHeld(tmp));
            assertThrows(DataDirectory.DataDirectoryLockedException.class, () -> DataDirectory.lock(tmp));
            assertEquals(true, DataDirectory.isHeld(tmp), "a refused second lock leaves the first one in place");
        }
        assertEquals(false, DataDirectory.isHeld(tmp));
    }
}
