package dev.berth.engine.spec;

/**
 * Docker's namespace mode strings (api/types/container NetworkMode, IpcMode, PidMode, UTSMode,
 * UsernsMode, CgroupnsMode): "host", "container:NAME", and the private variants.
 */
final class Modes {
    static final String HOST = "host";
    private static final String CONTAINER = "container:";

    private Modes() {}

    static boolean isHost(String mode) {
        return HOST.equals(mode);
    }

    /** "container:..." with something after the colon or not (Go's IsContainer). */
    static boolean isContainer(String mode) {
        return mode != null && mode.startsWith(CONTAINER);
    }

    /** The NAME of "container:NAME"; "" when the mode is another one. */
    static String container(String mode) {
        return isContainer(mode) ? mode.substring(CONTAINER.length()) : "";
    }

    /** The network of the container is its own (Go's NetworkMode.IsPrivate: neither host nor container:). */
    static boolean ownNetwork(String networkMode) {
        return !isHost(networkMode) && !isContainer(networkMode);
    }

    static boolean validIpc(String mode) {
        return mode == null || mode.isEmpty() || mode.equals("none") || mode.equals("private")
                || mode.equals("shareable") || isHost(mode) || (isContainer(mode) && !container(mode).isEmpty());
    }

    static boolean validPid(String mode) {
        return mode == null || mode.isEmpty() || isHost(mode) || (isContainer(mode) && !container(mode).isEmpty());
    }

    /** UTSMode and UsernsMode: "" or "host" (Go splits at ':' and checks the first part). */
    static boolean validHostOrEmpty(String mode) {
        String first = mode == null ? "" : mode.split(":", -1)[0];
        return first.isEmpty() || isHost(first);
    }

    static boolean validCgroupns(String mode) {
        return mode == null || mode.isEmpty() || mode.equals("private") || isHost(mode);
    }
}
