package dev.goalcoach.sync.loader;

/** Where the loader is: starting (not yet loaded a round), running, or backing off after a failed batch. */
public enum LoaderState {
    STARTING,
    RUNNING,
    BACKING_OFF
}
