package io.arbiter.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.infinispan.protostream.annotations.Proto;

/**
 * The counts of a job, or of one segment of it: customers decided, left out by the filter, changed and failed;
 * the tier and grade migration matrices (before -> after, {@code NONE} for a customer never decided), recommended
 * actions per type, and samples of the failures. Segment tallies merge into the job's checkpoint.
 */
@Proto
public record JobTally(long decided, long filteredOut, long changed, long errors, List<MigrationCell> valueTiers,
                       List<MigrationCell> riskGrades, Map<String, Long> actionsByType, List<String> errorSamples) {

    static final int SAMPLES = 5;
    public static final JobTally EMPTY = new JobTally(0, 0, 0, 0, List.of(), List.of(), Map.of(), List.of());

    JobTally plus(JobTally other) {
        Map<String, Long> actions = new TreeMap<>(actionsByType);
        other.actionsByType.forEach((type, n) -> actions.merge(type, n, Long::sum));
        List<String> samples = new ArrayList<>(errorSamples);
        other.errorSamples.stream().limit(Math.max(0, SAMPLES - samples.size())).forEach(samples::add);
        return new JobTally(decided + other.decided, filteredOut + other.filteredOut, changed + other.changed,
                errors + other.errors, merge(valueTiers, other.valueTiers), merge(riskGrades, other.riskGrades),
                Map.copyOf(actions), List.copyOf(samples));
    }

    private static List<MigrationCell> merge(List<MigrationCell> a, List<MigrationCell> b) {
        Map<String, MigrationCell> cells = new LinkedHashMap<>();
        for (MigrationCell cell : a) {
            cells.put(cell.from() + ">" + cell.to(), cell);
        }
        for (MigrationCell cell : b) {
            cells.merge(cell.from() + ">" + cell.to(), cell, (x, y) -> {
                List<String> samples = new ArrayList<>(x.samples());
                y.samples().stream().limit(Math.max(0, SAMPLES - samples.size())).forEach(samples::add);
                return new MigrationCell(x.from(), x.to(), x.count() + y.count(), List.copyOf(samples));
            });
        }
        return cells.values().stream()
                .sorted(Comparator.comparing(MigrationCell::from).thenComparing(MigrationCell::to))
                .toList();
    }
}
