package io.arbiter.store;

import org.infinispan.commons.IllegalLifecycleStateException;
import org.infinispan.commons.TimeoutException;
import org.infinispan.partitionhandling.AvailabilityException;
import org.infinispan.remoting.RemoteException;
import org.infinispan.remoting.transport.jgroups.SuspectException;

/** Failures that a change of the cluster explains, so that the work that met one can be done again a moment later. */
public final class ClusterChange {

    private ClusterChange() {
    }

    /**
     * True for a key not available while a member leaves or the cluster is split, a member suspected mid-request,
     * a lock (held by a member that left) that outlasted the lock timeout, here or on the member that answered, or
     * a cache already stopped by a planned stop of the cluster.
     */
    public static boolean explains(Throwable failure) {
        Throwable cause = failure instanceof RemoteException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof AvailabilityException || cause instanceof TimeoutException
                || cause instanceof SuspectException || cause instanceof IllegalLifecycleStateException;
    }
}
