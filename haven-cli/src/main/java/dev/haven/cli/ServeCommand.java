package dev.haven.cli;

import dev.haven.admin.AdminServer;
import dev.haven.admin.AdminToken;
import dev.haven.node.LogFormat;
import dev.haven.node.Node;
import dev.haven.node.NodeOptions;
import dev.haven.node.ShareDefinition;
import dev.haven.node.VirtualServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven serve}: starts a node and runs until Ctrl-C or SIGTERM, which close it in order
 * (a shutdown hook: listeners stop, in-flight requests finish, file systems sync, volumes close).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start a Haven node. The first start in an empty data directory creates the embedded "
                + "default: one 16 GiB sparse volume with HavenFS, share 'data', and user 'haven' (password from "
                + "HAVEN_PASSWORD, or generated and printed once).", "Stop it with Ctrl-C or SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "haven-data")
    Path data;

    @Option(names = "--smb-port", paramLabel = "PORT",
            description = "SMB port of the first virtual server (default: from haven.conf; 4445 on first start).")
    Integer smbPort;

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "Listen address of the first virtual server (default: from haven.conf; 127.0.0.1 on "
                    + "first start).")
    String listen;

    @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "4480",
            description = "Port of the admin API and web console on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any "
                    + "free port). The token is in DIR/admin.token.")
    int adminPort;

    @Option(names = "--verbose", description = "Log DEBUG events too.")
    boolean verbose;

    /** The environment (tests inject HAVEN_PASSWORD here). */
    UnaryOperator<String> env = System::getenv;
    /** Called once the node runs (tests stop it from here). */
    Consumer<Node> started = n -> { };

    @Override
    public Integer call() throws Exception {
        LogFormat.install(verbose ? Level.FINE : Level.INFO);
        NodeOptions options = NodeOptions.defaults(data).withAddress(listen, smbPort)
                .withInitialPassword(env.apply("HAVEN_PASSWORD"));
        Node node = Node.start(options);
        AdminServer admin;
        try {
            admin = AdminServer.start(node, "127.0.0.1", adminPort, options.clock());
        } catch (Exception e) {
            node.close();
            throw e;
        }
        Thread hook = new Thread(() -> closeQuietly(admin, node), "haven-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printHowToConnect(node);
        spec.commandLine().getOut().printf("Admin API and console: %s (token in %s)%n", admin.baseUrl(),
                data.resolve(AdminToken.FILE));
        spec.commandLine().getOut().flush();
        started.accept(node);
        node.awaitClosed();
        admin.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is what closed the node.
        }
        return 0;
    }

    private void printHowToConnect(Node node) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> users = node.users().list();
        String user = users.contains("haven") || users.isEmpty() ? "haven" : users.get(0);
        for (VirtualServer vs : node.virtualServers()) {
            for (InetSocketAddress a : vs.smbAddresses()) {
                String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
                host = host.contains(":") ? "[" + host + "]" : host; // IPv6 literal
                for (ShareDefinition share : node.config().shares()) {
                    if (vs.fileSystem(share.fileSystem()).isPresent()) {
                        out.printf("Serving share '%s' on %s:%d. Connect with: smbclient //%s/%s -p %d -U %s%n",
                                share.name(), host, a.getPort(), host, share.name(), a.getPort(), user);
                    }
                }
            }
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static void closeQuietly(AdminServer admin, Node node) {
        try {
            admin.close();
        } catch (IOException e) {
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.ERROR, "admin API stop failed", e);
        }
        try {
            node.close();
        } catch (IOException e) {
            System.getLogger(ServeCommand.class.getName()).log(System.Logger.Level.ERROR, "clean shutdown failed", e);
        }
    }
}
