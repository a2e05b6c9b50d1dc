package dev.haven.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.haven.admin.api.OpenView;
import dev.haven.admin.client.AdminClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code haven open list}: which files are open on the running node, and their byte-range locks. */
@Command(name = "open", mixinStandardHelpOptions = true, description = "Open files of the running node.",
        subcommands = CommandLine.HelpCommand.class)
final class OpenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an open command is required (list)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List open files and directories with their byte-range locks (offset+length, x: exclusive).")
    int list(@Mixin DataOption data) throws IOException {
        Optional<AdminClient> api = NodeAccess.running(data.data);
        if (api.isEmpty()) {
            spec.commandLine().getErr().printf("haven: no node is running on %s, so no file is open%n", data.data);
            return 0;
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-16s %-32s %-10s %-4s %s%n";
        out.printf(format, "SHARE", "NAME", "INODE", "KIND", "LOCKS");
        for (OpenView o : api.get().get("/opens", new TypeReference<List<OpenView>>() { })) {
            out.printf(format, o.share(), o.name().isEmpty() ? "\\" : o.name(), o.inode(), o.directory() ? "dir" : "file",
                    o.locks().isEmpty() ? "-" : String.join(" ", o.locks()));
        }
        return 0;
    }
}
