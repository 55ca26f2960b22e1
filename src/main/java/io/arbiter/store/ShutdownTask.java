package io.arbiter.store;

import java.util.function.Function;

import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.protostream.annotations.Proto;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;

/**
 * One step of a planned stop, sent by {@link ClusterShutdown} to the members and run on each with its own
 * {@code ClusterShutdown}; answers the member's name.
 */
@Proto
public record ShutdownTask(ShutdownStep step, String askedOn) implements Function<EmbeddedCacheManager, String> {

    @Override
    public String apply(EmbeddedCacheManager manager) {
        switch (step) {
            case SAVE_TOPOLOGY -> Arc.container().instance(ClusterShutdown.class).get().saveTopology();
            case RESUME_SERVING -> Arc.container().instance(ClusterShutdown.class).get().resumeServing();
            case EXIT -> {
                Logger.getLogger(ShutdownTask.class).infof("planned stop of the whole cluster, asked on %s: exiting",
                        askedOn);
                Quarkus.asyncExit(0);
            }
        }
        return String.valueOf(manager.getAddress());
    }
}
