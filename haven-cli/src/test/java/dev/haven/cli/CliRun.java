package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code haven} command line with captured output. */
record CliRun(int code, String out, String err) {
    static CliRun run(String... args) {
        CommandLine cl = HavenCommand.commandLine();
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
