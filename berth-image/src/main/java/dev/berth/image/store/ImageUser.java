package dev.berth.image.store;

/** A container that uses an image, as far as image removal cares. */
public record ImageUser(String containerId, boolean running) {}
