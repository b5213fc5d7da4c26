package dev.berth.cli.docker;

import picocli.CommandLine.Command;

/** berth network ...: usage only, the work is in the Network*Cmd subcommands. */
@Command(name = "network", description = "Manage networks")
final class NetworkGroup {
    /** The subcommands in docker's order; "ls"/"list" and "rm"/"remove" are aliases. */
    static Object command(String name) {
        return switch (name) {
            case "connect" -> new NetworkConnectCmd();
            case "create" -> new NetworkCreateCmd();
            case "disconnect" -> new NetworkDisconnectCmd();
            case "inspect" -> new NetworkInspectCmd();
            case "ls", "list" -> new NetworkLsCmd();
            case "prune" -> new NetworkPruneCmd();
            case "rm", "remove" -> new NetworkRmCmd();
            default -> null;
        };
    }
}
