package io.arbiter.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.engine.Arm;
import io.arbiter.engine.RolloutMode;
import io.arbiter.repository.Rollout;

/**
 * What an approver looks at before promoting: each arm's decisions, failures, tier and grade distributions and
 * actions per 1,000 decisions, the population stability index of the challenger's distributions against the
 * champion's, and for a shadow rollout the migration from the champion's outcome to the challenger's for the same
 * facts, with sample customers. Counted cluster-wide by {@link OutcomeTallies}.
 */
@ApplicationScoped
public class RolloutComparison {

    /** One arm's counts. */
    public record ArmSummary(long version, long decisions, long failures, Map<String, Long> valueTiers,
                             Map<String, Long> riskGrades, Map<String, Double> actionsPerThousand) {
    }

    /** The stability index of each outcome; null where an arm has no decision yet. */
    public record Stability(Psi valueTier, Psi riskGrade) {
    }

    /** One cell of a migration matrix. */
    public record Move(String from, String to, long count, List<String> samples) {
    }

    public record Migration(List<Move> valueTiers, List<Move> riskGrades) {
    }

    /** {@code migration} only for a shadow rollout, whose challenger decides the champion's customers. */
    public record Comparison(ArmSummary champion, ArmSummary challenger, Stability psi, Migration migration,
                             long shadowDropped) {
    }

    private final OutcomeTallies tallies;

    RolloutComparison(OutcomeTallies tallies) {
        this.tallies = tallies;
    }

    public Comparison of(Rollout rollout) {
        OutcomeCounts champion = tallies.read(Scopes.rollout(rollout.id(), Arm.CHAMPION));
        OutcomeCounts challenger = tallies.read(Scopes.rollout(rollout.id(), Arm.CHALLENGER));
        Migration migration = rollout.rolloutMode() == RolloutMode.SHADOW
                ? new Migration(moves(challenger, challenger.tierMoves(), "valueTier"),
                moves(challenger, challenger.gradeMoves(), "riskGrade"))
                : null;
        return new Comparison(summary(rollout.champion(), champion), summary(rollout.challenger(), challenger),
                new Stability(Psi.between(champion.valueTiers(), challenger.valueTiers()),
                        Psi.between(champion.riskGrades(), challenger.riskGrades())),
                migration, challenger.dropped());
    }

    private static ArmSummary summary(long version, OutcomeCounts counts) {
        Map<String, Double> perThousand = new LinkedHashMap<>();
        OutcomeCounts.sorted(counts.actions()).forEach((type, n) -> perThousand.put(type,
                counts.decisions() == 0 ? 0 : Math.round(n * 1_000_000.0 / counts.decisions()) / 1_000.0));
        return new ArmSummary(version, counts.decisions(), counts.failures(), OutcomeCounts.sorted(counts.valueTiers()),
                OutcomeCounts.sorted(counts.riskGrades()), perThousand);
    }

    private static List<Move> moves(OutcomeCounts counts, Map<String, Long> moves, String dimension) {
        return OutcomeCounts.sorted(moves).entrySet().stream().map(e -> {
            String[] fromTo = e.getKey().split(">", 2);
            return new Move(fromTo[0], fromTo[1], e.getValue(), counts.samples(dimension, e.getKey()));
        }).toList();
    }
}
