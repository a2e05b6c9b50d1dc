package dev.haven.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code haven version}: prints the version of Haven and of the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Haven's version.")
final class VersionCommand implements Runnable, CommandLine.IVersionProvider {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    @Override
    public String[] getVersion() {
        String v = HavenCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "haven " + (v == null ? "development build" : v),
            "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
