package dev.haven.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: the node's data directory, shared by the commands that manage a node. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "haven-data",
            description = "Data directory of the node (default: ${DEFAULT-VALUE}). When a node runs there, the "
                    + "command goes through its admin API; otherwise it works on the files directly.")
    Path data;
}
