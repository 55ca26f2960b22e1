package io.arbiter.deciding;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.Challenger;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.monitoring.OutcomeMonitor;

/**
 * A shadow rollout's challenger decisions, made off the caller's path: the champion's answer goes out at once, and
 * the challenger decides the same facts on a few threads of their own. The queue is bounded; when it is full the
 * evaluation is dropped and counted, so a shadow never slows the answers or holds memory. Shadow decisions are compared
 * (counted with the champion's outcome), never recorded or answered.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class ShadowEvaluations {

    private static final Logger LOG = Logger.getLogger(ShadowEvaluations.class);

    private final DecisionPipeline pipeline;
    private final OutcomeMonitor monitor;
    private final Duration budget;
    private final ThreadPoolExecutor executor;

    @Inject
    ShadowEvaluations(DecisionPipeline pipeline, OutcomeMonitor monitor, ArbiterConfig config) {
        this(pipeline, monitor, config.budget().synchronous(), config.rollout().shadowThreads()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 4)), config.rollout().shadowQueue());
    }

    ShadowEvaluations(DecisionPipeline pipeline, OutcomeMonitor monitor, Duration budget, int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalStateException("arbiter.rollout.shadow-threads (" + threads + ") and"
                    + " arbiter.rollout.shadow-queue (" + queue + ") must be at least 1");
        }
        this.pipeline = pipeline;
        this.monitor = monitor;
        this.budget = budget;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread thread = new Thread(r, "shadow-evaluation");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues the challenger's decision of {@code facts}, to be compared with the champion's {@code decision}. */
    void submit(Challenger shadow, CustomerFacts facts, CustomerDecision champion, LocalDate asOf) {
        try {
            executor.execute(() -> {
                try {
                    CustomerDecision decided = EvaluationBudget.call(EvaluationBudget.perDecision(budget),
                            () -> pipeline.decide(shadow.set(), facts, asOf));
                    monitor.shadowed(shadow, champion, decided);
                } catch (RuntimeException e) {
                    monitor.shadowFailed(shadow);
                    LOG.debugf("shadow decision by version %d failed: %s", shadow.set().version(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            monitor.shadowDropped(shadow);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
