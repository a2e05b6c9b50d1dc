package dev.haven.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Turns failures into one clear line on stderr: usage errors exit 2, operational errors exit 1.
 * A stack trace is printed only when {@code HAVEN_DEBUG} is set.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** Exit code of an operational failure. */
    static final int FAILURE = 1;
    /** Exit code of a usage error. */
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof ParameterException pe) {
            return onUsageError(pe, null);
        }
        PrintWriter err = cl.getErr();
        err.println("haven: " + describe(e));
        if (System.getenv("HAVEN_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof IllegalArgumentException ? USAGE : FAILURE;
    }

    static int onUsageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("haven: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists: " + msg;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + msg;
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }
}
