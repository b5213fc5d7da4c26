package dev.berth.image.service;

/**
 * Named points between the durable steps of an operation (blob written, snapshot committed, record
 * written, ...). Production code passes {@link #NONE}; the crash tests stop a child process at a chosen
 * point, as a kill there would, and check what it leaves.
 */
@FunctionalInterface
interface CrashPoints {
    void reached(String point);

    CrashPoints NONE = point -> { };
}
