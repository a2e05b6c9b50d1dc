package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One in-process run of the {@code haven} command line with captured output. */
record CliRun(int code, String out, String err) {
    static CliRun run(String... args) {
        return run(cl -> { }, args);
    }

    /** One run after {@code setup} has prepared the command line (e.g. injected stdin). */
    static CliRun run(Consumer<CommandLine> setup, String... args) {
        CommandLine cl = HavenCommand.commandLine();
        setup.accept(cl);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs and asserts exit code 0. */
    static CliRun ok(String... args) {
        CliRun r = run(args);
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }
}
