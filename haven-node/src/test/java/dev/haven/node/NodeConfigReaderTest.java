package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeConfigReaderTest {

    private static NodeConfig parse(String text) throws ConfigException {
        return NodeConfigReader.parse("haven.conf", List.of(text.split("\n", -1)));
    }

    @Test
    void readsTheEmbeddedDefault() throws ConfigException {
        NodeConfig c = parse(EmbeddedDefault.text("127.0.0.1", 4445));
        assertEquals("HAVEN", c.serverName());
        assertEquals(List.of(new VirtualServerConfig("default", List.of("127.0.0.1"), 4445, false, true, false)), c.virtualServers());
        assertEquals(List.of(new FileSystemConfig("data", "default", "volumes/data", CaseHandling.INSENSITIVE)),
                c.fileSystems());
        assertEquals(List.of(new ShareDefinition("data", "data", "/", false, false, CaseHandling.INSENSITIVE)),
                c.shares());
    }

    @Test
    void readsSeveralVirtualServersWithCommentsAndDefaults() throws ConfigException {
        NodeConfig c = parse("""
                # two virtual servers
                [virtual-server a]
                listen = 127.0.0.1, ::1   # two addresses
                port = 0
                encrypt = required
                [virtual-server b]
                signing = optional
                anonymous = on
                [filesystem one]
                virtual-server = a
                volume = /srv/one
                case = sensitive
                [filesystem two]
                virtual-server = b
                volume = volumes/two
                [share Docs]
                filesystem = one
                path = /docs
                read-only = yes
                encrypt = required
                [share pub]
                filesystem = two
                """);
        assertEquals(new VirtualServerConfig("a", List.of("127.0.0.1", "::1"), 0, true, true, false), c.virtualServers().get(0));
        assertEquals(new VirtualServerConfig("b", List.of("127.0.0.1"), 4445, false, false, true), c.virtualServers().get(1));
        assertEquals(CaseHandling.SENSITIVE, c.fileSystem("one").orElseThrow().caseHandling());
        assertEquals(new ShareDefinition("Docs", "one", "/docs", true, true, CaseHandling.SENSITIVE),
                c.sharesOn("one").get(0));
        assertEquals(List.of("two"), c.fileSystemsOf("b").stream().map(FileSystemConfig::name).toList());
        assertFalse(c.sharesOn("two").get(0).readOnly());
        assertTrue(c.withFirstAddress(List.of("::1"), 99).virtualServers().get(0).listen().equals(List.of("::1")));
    }

    static Stream<Arguments> errors() {
        String vs = "[virtual-server default]\n";
        String fs = "[filesystem data]\nvolume = v\n";
        return Stream.of(
                Arguments.of("port = 1\n", "haven.conf:1: 'port = 1' is outside any section"),
                Arguments.of(vs + "listen\n", "haven.conf:2: expected 'key = value', got 'listen'"),
                Arguments.of(vs + "= 3\n", "haven.conf:2: missing key before '='"),
                Arguments.of(vs + "[share data\n", "haven.conf:2: section header must end with ']'"),
                Arguments.of(vs + "[a b c]\n", "haven.conf:2: section header must be [kind] or [kind name]"),
                Arguments.of(vs + "[volume x]\n", "haven.conf:2: unknown section kind 'volume'"),
                Arguments.of(vs + vs, "haven.conf:2: duplicate section [virtual-server default] (first at line 1)"),
                Arguments.of(vs + "port = 1\nport = 2\n", "haven.conf:3: duplicate key 'port'"),
                Arguments.of(vs + "port = 70000\n", "haven.conf:2: port in [virtual-server default]: '70000' is not"),
                Arguments.of(vs + "port = x\n", "haven.conf:2: port in [virtual-server default]: 'x' is not"),
                Arguments.of(vs + "encrypt = maybe\n", "haven.conf:2: encrypt in [virtual-server default]: 'maybe'"),
                Arguments.of(vs + "anonymous = yes\n", "haven.conf:2: anonymous in [virtual-server default]: 'yes' is not one of off, on"),
                Arguments.of(vs + "listen = a,,b\n", "haven.conf:2: listen in [virtual-server default]: expected"),
                Arguments.of(vs + "listen = a, a\n", "haven.conf:2: listen in [virtual-server default]: expected"),
                Arguments.of(vs + "listen =\n", "haven.conf:2: listen in [virtual-server default]: empty value"),
                Arguments.of("[virtual-server]\n", "haven.conf:1: [virtual-server] needs a name"),
                Arguments.of("[server x]\n" + vs, "haven.conf:1: [server] takes no name"),
                Arguments.of("# nothing\n", "haven.conf:1: no [virtual-server NAME] section"),
                Arguments.of(vs + "[filesystem data]\ncase = sensitive\n",
                        "haven.conf:2: [filesystem data] needs 'volume = ...'"),
                Arguments.of(vs + "[filesystem data]\nvolume = v\nvirtual-server = other\n",
                        "haven.conf:4: virtual-server in [filesystem data]: no [virtual-server other] section"),
                Arguments.of(vs + fs + "\n[share data]\nencrypt-data = required\n",
                        "haven.conf:6: unknown key 'encrypt-data' in [share data]"),
                Arguments.of(vs + fs + "[share data]\nfilesystem = nope\n",
                        "haven.conf:5: filesystem in [share data]: no [filesystem nope] section"),
                Arguments.of(vs + fs + "[share data]\npath = /a/../..\n",
                        "haven.conf:5: path in [share data]: path must start with '/'"),
                Arguments.of(vs + fs + "[share data]\nread-only = perhaps\n",
                        "haven.conf:5: read-only in [share data]: 'perhaps'"),
                Arguments.of(vs + fs + "[share data]\ncase = sensitive\n",
                        "haven.conf:5: case in [share data]: filesystem data is case-insensitive"),
                Arguments.of(vs + fs + "[share a/b]\n", "haven.conf:4: share name 'a/b' must not contain"),
                Arguments.of(vs + fs + "[share data]\n[share DATA]\n", "haven.conf:5: share names ignore case"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void namesTheFileAndLineOfEachError(String text, String expectedStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertEquals("haven.conf", e.file());
    }
}
