package dev.haven.node;

import java.util.List;
import java.util.Optional;

/**
 * The parsed {@code haven.conf}: the node's name and its virtual file servers, file systems and
 * shares, already checked for dangling references (see docs/configuration.md).
 *
 * @param serverName the NetBIOS name announced to clients ([MS-NLMP] 2.2.2.1)
 * @param domain the NetBIOS domain (workgroup) announced to clients
 */
public record NodeConfig(String serverName, String domain, List<VirtualServerConfig> virtualServers,
        List<FileSystemConfig> fileSystems, List<ShareDefinition> shares) {
    /** Copies the lists. */
    public NodeConfig {
        virtualServers = List.copyOf(virtualServers);
        fileSystems = List.copyOf(fileSystems);
        shares = List.copyOf(shares);
    }

    /** The file systems a virtual server serves. */
    public List<FileSystemConfig> fileSystemsOf(String virtualServer) {
        return fileSystems.stream().filter(f -> f.virtualServer().equals(virtualServer)).toList();
    }

    /** The shares on a file system. */
    public List<ShareDefinition> sharesOn(String fileSystem) {
        return shares.stream().filter(s -> s.fileSystem().equals(fileSystem)).toList();
    }

    /** The file system called {@code name}. */
    public Optional<FileSystemConfig> fileSystem(String name) {
        return fileSystems.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** This configuration with the first virtual server moved to another address (command-line override). */
    public NodeConfig withFirstAddress(List<String> listen, int port) {
        List<VirtualServerConfig> moved = new java.util.ArrayList<>(virtualServers);
        moved.set(0, moved.get(0).withAddress(listen, port));
        return new NodeConfig(serverName, domain, moved, fileSystems, shares);
    }
}
