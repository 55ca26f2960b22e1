package io.arbiter.repository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.audit.AuditTrail;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerSets;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.RolloutMode;
import io.arbiter.store.AtomicUpdates;

/**
 * Gradual rollouts of a decision set's versions: start a canary or a shadow rollout of a challenger against the active
 * version, ramp a canary's share, promote the challenger or abort. Each step is one atomic write of the set's pointer
 * (so every node's {@link ActiveVersionSync} swaps the same split in, and a crash during a promotion leaves either the
 * rollout or the promoted version), checked again inside the write against a concurrent step, and recorded in the
 * audit chain. Starting and promoting follow the four-eyes rule of activation; the challenger is compiled on every
 * member before the rollout starts, so that the start is a swap everywhere.
 */
@ApplicationScoped
public class Rollouts {

    private final DecisionRepository repository;
    private final Cache<String, SetPointer> pointers;
    private final AheadCompilation aheadCompilation;
    private final VersionSnapshots snapshots;
    private final AuditTrail audit;
    private final Clock clock;

    Rollouts(DecisionRepository repository, RepositoryCaches caches, AheadCompilation aheadCompilation,
             VersionSnapshots snapshots, AuditTrail audit, Clock clock) {
        this.snapshots = snapshots;
        this.repository = repository;
        this.pointers = caches.pointers();
        this.aheadCompilation = aheadCompilation;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a rollout of {@code version}; {@code basisPoints} is the canary's share (ignored for a shadow). */
    public Rollout start(String name, long version, RolloutMode mode, int basisPoints, String actor, boolean admin) {
        SetPointer pointer = repository.pointer(name);
        StoredVersion stored = repository.requireVersion(name, version);
        if (stored.validation() != VersionStatus.VALIDATED) {
            throw conflict("version " + version + " of " + name + " was rejected by validation and cannot be rolled out");
        }
        requireActive(pointer);
        if (pointer.activeVersion() == version) {
            throw conflict("version " + version + " is the active version of " + name
                    + ": a rollout compares another version with it");
        }
        requireNotAuthor(stored, actor, admin, "roll it out");
        requireCustomerDecisions(name, version);
        DecisionRepository.requireNoRollout(pointer, "start another");
        aheadCompilation.awaitEverywhere(name, version);
        int share = mode == RolloutMode.SHADOW ? 0 : basisPoints;
        java.time.Instant now = clock.instant();
        Rollout rollout = new Rollout(UUID.randomUUID().toString(), mode.name(), pointer.activeVersion(), version,
                share, now, actor, now, actor, null, null, null);
        AtomicUpdates.update(pointers, name, p -> {
            DecisionRepository.requireNoRollout(p, "start another");
            if (p.activeVersion() != rollout.champion()) {
                throw conflict("the active version of " + name + " changed to " + p.activeVersion()
                        + " while the rollout was being started; start it again");
            }
            return p.withRollout(rollout);
        });
        audit.append(actor, "ROLLOUT_START", name, version, mode + (mode == RolloutMode.CANARY
                ? " " + percent(share) + "%" : "") + " against version " + rollout.champion() + ", rollout " + rollout.id());
        return rollout;
    }

    /** Changes a canary's share. Lowering it moves the customers above the new share back to the champion. */
    public Rollout ramp(String name, int basisPoints, String actor) {
        Rollout running = requireRunning(name);
        if (running.rolloutMode() != RolloutMode.CANARY) {
            throw conflict("the rollout of " + name + " is a shadow rollout: it has no share of customers to ramp");
        }
        Rollout[] steps = new Rollout[2];
        AtomicUpdates.update(pointers, name, p -> {
            steps[0] = sameRollout(p, running);
            steps[1] = steps[0].ramped(basisPoints, clock.instant(), actor);
            return p.withRollout(steps[1]);
        });
        audit.append(actor, "ROLLOUT_RAMP", name, running.challenger(), "from " + percent(steps[0].basisPoints())
                + "% to " + percent(basisPoints) + "%, rollout " + running.id());
        return steps[1];
    }

    /** The challenger becomes the active version and the rollout ends, in one write. */
    public Rollout promote(String name, String actor, boolean admin) {
        Rollout running = requireRunning(name);
        requireNotAuthor(repository.requireVersion(name, running.challenger()), actor, admin, "promote it");
        Rollout ended = end(name, running, Rollout.PROMOTED, actor);
        audit.append(actor, "ROLLOUT_PROMOTE", name, running.challenger(), "active instead of version "
                + running.champion() + ", rollout " + running.id());
        return ended;
    }

    /** Ends the rollout: every customer is decided by the active version again. */
    public Rollout abort(String name, String actor) {
        Rollout running = requireRunning(name);
        Rollout ended = end(name, running, Rollout.ABORTED, actor);
        audit.append(actor, "ROLLOUT_ABORT", name, running.challenger(), "version " + running.champion()
                + " stays active, rollout " + running.id());
        return ended;
    }

    public Optional<Rollout> current(String name) {
        return Optional.ofNullable(repository.pointer(name).rollout());
    }

    /** The set's rollouts, newest first: the running one (if any), then those that ended. */
    public List<Rollout> all(String name) {
        SetPointer pointer = repository.pointer(name);
        List<Rollout> all = new ArrayList<>(pointer.pastRollouts());
        if (pointer.rollout() != null) {
            all.add(pointer.rollout());
        }
        java.util.Collections.reverse(all);
        return List.copyOf(all);
    }

    private Rollout end(String name, Rollout running, String how, String actor) {
        Rollout[] ended = new Rollout[1];
        AtomicUpdates.update(pointers, name, p -> {
            ended[0] = sameRollout(p, running).ended(how, clock.instant(), actor);
            SetPointer stopped = p.endRollout(ended[0]);
            return how.equals(Rollout.PROMOTED) ? stopped.activate(running.challenger(), clock.instant()) : stopped;
        });
        return ended[0];
    }

    private Rollout requireRunning(String name) {
        return current(name).orElseThrow(() -> new RepositoryException(RepositoryException.Kind.NOT_FOUND,
                "decision set " + name + " has no rollout running"));
    }

    /** The running rollout, if it is still the one the step was asked for (not ended, or replaced, meanwhile). */
    private static Rollout sameRollout(SetPointer pointer, Rollout expected) {
        if (pointer.rollout() == null || !pointer.rollout().id().equals(expected.id())) {
            throw new RepositoryException(RepositoryException.Kind.CONFLICT, "the rollout of "
                    + pointer.decisionSet() + " ended while this step was being taken");
        }
        return pointer.rollout();
    }

    /**
     * A rollout splits customers; a set whose models are evaluated on DMN input data alone (the RFM segmentation,
     * which the analytics refresh evaluates with its active version) has no customers to split.
     */
    private void requireCustomerDecisions(String name, long version) {
        CompiledDecisionSet compiled;
        try {
            compiled = snapshots.compiled(name, version);
        } catch (DecisionSetCompilationException e) {
            throw conflict("version " + version + " of " + name + " cannot be compiled: " + e.getMessage());
        }
        if (!CustomerSets.decidesCustomers(compiled)) {
            throw conflict("decision set " + name + " does not decide customers (its models are evaluated on DMN input"
                    + " data), so there are no customers to split: activate its versions instead");
        }
    }

    private static void requireActive(SetPointer pointer) {
        if (pointer.activeVersion() == 0) {
            throw conflict("decision set " + pointer.decisionSet() + " has no active version to compare a rollout with");
        }
    }

    private static void requireNotAuthor(StoredVersion version, String actor, boolean admin, String what) {
        if (!admin && version.author().equals(actor)) {
            throw new RepositoryException(RepositoryException.Kind.FORBIDDEN, "the author of a version may not "
                    + what + " (four-eyes rule); another approver must");
        }
    }

    private static RepositoryException conflict(String message) {
        return new RepositoryException(RepositoryException.Kind.CONFLICT, message);
    }

    /** Basis points as a percentage, without trailing zeros. */
    static String percent(int basisPoints) {
        return java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
    }
}
