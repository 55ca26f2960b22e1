package io.arbiter.store;

import org.infinispan.protostream.annotations.ProtoEnumValue;

/**
 * What a member does for a planned stop of the cluster ({@link ShutdownTask}). The sent names carry a prefix because
 * protobuf enum values share one namespace per schema package.
 */
public enum ShutdownStep {
    /** Refuse new requests, write each cache's topology and save a copy. */
    @ProtoEnumValue(number = 0, name = "STOP_SAVE_TOPOLOGY") SAVE_TOPOLOGY,
    /** Undo the first step, after another member failed it. */
    @ProtoEnumValue(number = 1, name = "STOP_RESUME_SERVING") RESUME_SERVING,
    /** Exit cleanly: stores flushed, global state written without a dangling lock. */
    @ProtoEnumValue(number = 2, name = "STOP_EXIT") EXIT
}
