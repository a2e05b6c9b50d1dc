package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.NodeStatus;
import dev.haven.admin.client.AdminClient;
import dev.haven.node.FileSystemConfig;
import dev.haven.node.VirtualServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code haven status}: the node, its virtual file servers, listeners, sessions and opens. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the node on --data DIR: virtual file servers, listeners, sessions, opens (or that none runs).")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<AdminClient> api = NodeAccess.running(data.data);
        if (api.isEmpty()) {
            try (NodeAccess.Offline o = NodeAccess.Offline.open(data.data)) {
                out.printf("node:            not running (data directory %s)%n", o.dir().root().toAbsolutePath());
                for (VirtualServerConfig vs : o.config().virtualServers()) {
                    out.printf("virtual server:  %s (configured on %s port %d)%n", vs.name(),
                            String.join(",", vs.listen()), vs.port());
                }
                for (FileSystemConfig fs : o.config().fileSystems()) {
                    out.printf("filesystem:      %s (%s)%n", fs.name(), fs.volume());
                }
            }
            return 0;
        }
        NodeStatus s = api.get().get("/status", new TypeReference<NodeStatus>() { });
        out.printf("node:            running since %s (data directory %s)%n", s.started(), s.dataDir());
        for (NodeStatus.VirtualServerStatus vs : s.virtualServers()) {
            out.printf("virtual server:  %s %s, SMB on %s%n", vs.name(), vs.state(), String.join(", ", vs.smbListeners()));
        }
        out.printf("filesystems:     %d%n", s.fileSystems());
        out.printf("shares:          %d%n", s.shares());
        out.printf("sessions:        %d%n", s.sessions());
        out.printf("opens:           %d%n", s.opens());
        out.printf("bytes read:      %d%n", s.bytesRead());
        out.printf("bytes written:   %d%n", s.bytesWritten());
        return 0;
    }
}
