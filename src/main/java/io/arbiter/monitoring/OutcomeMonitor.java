package io.arbiter.monitoring;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.engine.Arm;
import io.arbiter.engine.Challenger;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.LiveSet;
import io.arbiter.engine.RolloutMode;

/**
 * Counts the decisions a set's live versions make (synchronous and batch APPLY; not a version under test): in the
 * set's drift window, and while a rollout runs, in the arm that decided.
 */
@ApplicationScoped
public class OutcomeMonitor {

    private final OutcomeTallies tallies;
    private final DecisionDrift drift;
    private final Clock clock;

    OutcomeMonitor(OutcomeTallies tallies, DecisionDrift drift, Clock clock) {
        this.tallies = tallies;
        this.drift = drift;
        this.clock = clock;
    }

    public void decided(LiveSet live, CustomerDecision decision) {
        tallies.decided(Scopes.drift(decision.decisionSet(), drift.windowStart(clock.instant())), decision);
        if (decision.arm() != null) {
            live.challenger().ifPresent(c -> tallies.decided(Scopes.rollout(c.rolloutId(), decision.arm()), decision));
        }
    }

    /**
     * A batch APPLY's decision: in the drift window, and in its arm only for a canary. A shadow's challenger decides
     * synchronous calls only, so counting the whole customer base on the champion's side would compare populations,
     * not versions.
     */
    public void batchDecided(LiveSet live, CustomerDecision decision) {
        if (live.challenger().filter(c -> c.mode() == RolloutMode.CANARY).isPresent()) {
            decided(live, decision);
        } else {
            decided(LiveSet.of(live.champion()), decision.withArm(null));
        }
    }

    /** A decision that failed on an arm of a running rollout. */
    public void failed(LiveSet live, Arm arm) {
        if (arm != null) {
            live.challenger().ifPresent(c -> tallies.failed(Scopes.rollout(c.rolloutId(), arm)));
        }
    }

    public void shadowed(Challenger shadow, CustomerDecision champion, CustomerDecision challenger) {
        tallies.shadowed(Scopes.rollout(shadow.rolloutId(), Arm.CHALLENGER), champion, challenger);
    }

    public void shadowFailed(Challenger shadow) {
        tallies.failed(Scopes.rollout(shadow.rolloutId(), Arm.CHALLENGER));
    }

    public void shadowDropped(Challenger shadow) {
        tallies.dropped(Scopes.rollout(shadow.rolloutId(), Arm.CHALLENGER));
    }
}
