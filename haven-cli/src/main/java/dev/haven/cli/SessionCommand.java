package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.SessionView;
import dev.haven.admin.client.AdminClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code haven session list}: who is connected to the running node. */
@Command(name = "session", mixinStandardHelpOptions = true, description = "Sessions of the running node.",
        subcommands = CommandLine.HelpCommand.class)
final class SessionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a session command is required (list)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List authenticated SMB sessions.")
    int list(@Mixin DataOption data) throws IOException {
        Optional<AdminClient> api = NodeAccess.running(data.data);
        if (api.isEmpty()) {
            spec.commandLine().getErr().printf("haven: no node is running on %s, so nobody is connected%n", data.data);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-14s %-16s %-24s %-8s %s%n";
        out.printf(format, "SESSION", "USER", "CLIENT", "DIALECT", "SINCE");
        for (SessionView s : api.get().get("/sessions", new TypeReference<List<SessionView>>() { })) {
            out.printf(format, s.sessionId(), s.user().isEmpty() ? "(anonymous)" : s.user(), s.client(), s.dialect(),
                    s.since());
        }
        return 0;
    }
}
