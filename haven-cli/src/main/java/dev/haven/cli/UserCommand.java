package dev.haven.cli;

import dev.haven.node.DataDirectory;
import dev.haven.node.UserStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code haven user}: manage the node's local users. Works whether or not the node runs; a
 * running node sees the change at the next logon. Passwords are stored only as NT hashes.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage users (stored as NT hashes in DIR/users, mode 600; a running node sees changes at once).",
        subcommands = CommandLine.HelpCommand.class)
final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "haven-data", scope = CommandLine.ScopeType.INHERIT,
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data;

    /** Standard input (tests inject passwords here). */
    InputStream stdin = System.in;
    /** The terminal, or null when there is none. */
    Supplier<Console> console = System::console;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a user command is required (add, list, passwd, delete)");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    int add(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
            boolean fromStdin) throws IOException {
        store().add(name, password(fromStdin));
        out("added user " + name);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    int list() throws IOException {
        for (String name : store().list()) {
            out(name);
        }
        return 0;
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Change a user's password.")
    int passwd(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
            boolean fromStdin) throws IOException {
        UserStore store = store();
        if (!store.contains(name)) {
            throw new IllegalArgumentException("no user named " + name);
        }
        store.setPassword(name, password(fromStdin));
        out("changed the password of " + name);
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.")
    int delete(@Parameters(paramLabel = "NAME") String name) throws IOException {
        store().delete(name);
        out("deleted user " + name);
        return 0;
    }

    private UserStore store() throws IOException {
        Files.createDirectories(data);
        return new UserStore(data.resolve(DataDirectory.USERS));
    }

    private void out(String line) {
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
    }

    private String password(boolean fromStdin) throws IOException {
        String password = fromStdin ? readStdin() : prompt();
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        return password;
    }

    private String readStdin() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            throw new IllegalArgumentException("--password-stdin: nothing on standard input");
        }
        return line;
    }

    private String prompt() {
        Console c = console.get();
        if (c == null) {
            throw new IllegalArgumentException("no terminal to ask for a password: use --password-stdin");
        }
        char[] first = c.readPassword("Password: ");
        char[] second = c.readPassword("Repeat password: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the passwords do not match");
            }
            return new String(first);
        } finally {
            zero(first);
            zero(second);
        }
    }

    private static void zero(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
