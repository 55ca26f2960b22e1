package io.arbiter.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.RecommendedAction;
import io.arbiter.history.DecisionOutcome;

/** Counts one segment of a job on the thread that processes it; {@link #build()} gives its tally. */
final class TallyBuilder {

    static final String NONE = "NONE";

    private long decided;
    private long filteredOut;
    private long changed;
    private long errors;
    private final Map<String, Cell> tiers = new HashMap<>();
    private final Map<String, Cell> grades = new HashMap<>();
    private final Map<String, Long> actions = new TreeMap<>();
    private final List<String> errorSamples = new ArrayList<>();

    private static final class Cell {
        final String from;
        final String to;
        long count;
        final List<String> samples = new ArrayList<>(JobTally.SAMPLES);

        Cell(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    void filteredOut() {
        filteredOut++;
    }

    void decided(String customerId, DecisionOutcome before, DecisionOutcome after, CustomerDecision decision) {
        decided++;
        if (!after.equals(before)) {
            changed++;
        }
        count(tiers, before == null ? NONE : before.valueTier(), after.valueTier(), customerId);
        count(grades, before == null ? NONE : before.riskGrade(), after.riskGrade(), customerId);
        for (RecommendedAction action : decision.actions()) {
            actions.merge(action.type(), 1L, Long::sum);
        }
    }

    void failed(String customerId, String message) {
        errors++;
        if (errorSamples.size() < JobTally.SAMPLES) {
            errorSamples.add(customerId + ": " + message);
        }
    }

    private static void count(Map<String, Cell> matrix, String from, String to, String customerId) {
        Cell cell = matrix.computeIfAbsent(from + ">" + to, k -> new Cell(from, to));
        cell.count++;
        // Samples name customers who moved: an unchanged cell needs none.
        if (!from.equals(to) && cell.samples.size() < JobTally.SAMPLES) {
            cell.samples.add(customerId);
        }
    }

    JobTally build() {
        return JobTally.EMPTY.plus(new JobTally(decided, filteredOut, changed, errors, cells(tiers), cells(grades),
                Map.copyOf(actions), List.copyOf(errorSamples)));
    }

    private static List<MigrationCell> cells(Map<String, Cell> matrix) {
        return matrix.values().stream().map(c -> new MigrationCell(c.from, c.to, c.count, List.copyOf(c.samples))).toList();
    }
}
