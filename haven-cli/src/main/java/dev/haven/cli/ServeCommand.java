package dev.haven.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven serve}: will start a node serving SMB. Until the SMB server lands it says what it
 * will do and exits with status 1, so no script mistakes it for a running server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start a Haven node with its embedded default (one file system, one share 'data').")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--data", description = "Data directory (default: ${DEFAULT-VALUE}).", defaultValue = "haven-data")
    Path data;

    @Option(names = "--smb-port", description = "SMB port (default: ${DEFAULT-VALUE}).", defaultValue = "4445")
    int smbPort;

    @Option(names = "--listen", description = "Listen address (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String listen;

    @Override
    public Integer call() {
        System.err.printf("haven serve: the SMB server is not built yet. When it is, this will create %s with one "
                + "16 GiB HavenFS volume and share 'data', and listen on %s:%d.%n", data, listen, smbPort);
        System.err.println("Today the volume and file-system tools work offline: see './haven volume --help', "
                + "'./haven snapshot --help' and './haven fs --help'.");
        return ErrorHandler.FAILURE;
    }
}
