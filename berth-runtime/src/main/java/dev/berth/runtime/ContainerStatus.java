package dev.berth.runtime;

/** The OCI runtime states, with what each allows. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, STOPPED;

    public String ociName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean canStart() { return this == CREATED; }
    public boolean canKill() { return this == CREATED || this == RUNNING || this == PAUSED; }
    public boolean canDelete() { return this == STOPPED || this == CREATED; }
    public boolean canPause() { return this == RUNNING || this == CREATED; }
    public boolean canResume() { return this == PAUSED; }
    public boolean canExec() { return this == RUNNING || this == CREATED; }
}
