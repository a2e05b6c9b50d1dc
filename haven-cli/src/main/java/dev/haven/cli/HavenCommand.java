package dev.haven.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code haven} command. Exit codes: 0 success, 1 failure, 2 usage error. */
@Command(name = "haven",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.class,
        description = "Haven: a highly-available network file server.",
        subcommands = {
            VersionCommand.class,
            ServeCommand.class,
            UserCommand.class,
            VolumeCommand.class,
            SnapshotCommand.class,
            FsCommand.class,
            StatusCommand.class,
            ShareCommand.class,
            SessionCommand.class,
            OpenCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class HavenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see 'haven --help')");
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        // Before anything logs: keep log handlers alive until the node's shutdown hook is done.
        System.setProperty("java.util.logging.manager", "dev.haven.node.NodeLogManager");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HavenCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ErrorHandler::onUsageError);
        return cl;
    }
}
