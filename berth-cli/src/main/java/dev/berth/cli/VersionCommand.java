package dev.berth.cli;

import picocli.CommandLine.Command;

@Command(name = "version", description = "Show the Berth version.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("berth version " + Version.VERSION + " (java " + System.getProperty("java.version") + ")");
    }
}
