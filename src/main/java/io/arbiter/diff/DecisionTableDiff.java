package io.arbiter.diff;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.RuleAnnotation;
import org.kie.dmn.model.api.UnaryTests;

/**
 * Compares the decision tables of two versions' DMN files: rows added, removed or changed. Rows are matched by
 * their rule id (the editor keeps ids stable when a cell changes), and a row without an id by its position.
 */
public final class DecisionTableDiff {

    private static final DMNMarshaller MARSHALLER = DMNMarshallerFactory.newDefaultMarshaller();

    /** One decision-table row: its id, input and output cells, and annotations, as text. */
    public record Row(String id, List<String> inputs, List<String> outputs, List<String> annotations) {
    }

    public record RowChange(Row before, Row after) {
    }

    /** The difference of one decision's table; columns are those of the newer version. */
    public record TableDiff(String file, String decision, List<String> inputColumns, List<String> outputColumns,
                            List<Row> added, List<Row> removed, List<RowChange> changed, int unchanged) {
    }

    private record Table(String decision, List<String> inputColumns, List<String> outputColumns, List<Row> rows) {
    }

    private DecisionTableDiff() {
    }

    /** Every table that differs between the DMN files (file name to XML) of {@code before} and {@code after}. */
    public static List<TableDiff> between(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> files = new TreeSet<>();
        before.keySet().stream().filter(f -> f.endsWith(".dmn")).forEach(files::add);
        after.keySet().stream().filter(f -> f.endsWith(".dmn")).forEach(files::add);
        List<TableDiff> diffs = new ArrayList<>();
        for (String file : files) {
            Map<String, Table> old = tables(before.get(file));
            Map<String, Table> current = tables(after.get(file));
            TreeSet<String> decisions = new TreeSet<>(old.keySet());
            decisions.addAll(current.keySet());
            for (String decision : decisions) {
                TableDiff diff = compare(file, decision, old.get(decision), current.get(decision));
                if (!diff.added().isEmpty() || !diff.removed().isEmpty() || !diff.changed().isEmpty()) {
                    diffs.add(diff);
                }
            }
        }
        return diffs;
    }

    private static TableDiff compare(String file, String decision, Table before, Table after) {
        Table columns = after != null ? after : before;
        Map<String, Row> old = byKey(before);
        Map<String, Row> current = byKey(after);
        List<Row> added = new ArrayList<>();
        List<RowChange> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Row> row : current.entrySet()) {
            Row previous = old.get(row.getKey());
            if (previous == null) {
                added.add(row.getValue());
            } else if (!sameCells(previous, row.getValue())) {
                changed.add(new RowChange(previous, row.getValue()));
            } else {
                unchanged++;
            }
        }
        List<Row> removed = old.entrySet().stream().filter(e -> !current.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new TableDiff(file, decision, columns.inputColumns(), columns.outputColumns(), added, removed, changed, unchanged);
    }

    private static boolean sameCells(Row a, Row b) {
        return a.inputs().equals(b.inputs()) && a.outputs().equals(b.outputs()) && a.annotations().equals(b.annotations());
    }

    private static Map<String, Row> byKey(Table table) {
        Map<String, Row> rows = new LinkedHashMap<>();
        if (table != null) {
            for (int i = 0; i < table.rows().size(); i++) {
                Row row = table.rows().get(i);
                rows.put(row.id() != null ? row.id() : "#" + (i + 1), row);
            }
        }
        return rows;
    }

    /** The decision tables of one DMN file by decision name; an unreadable or missing file has none. */
    private static Map<String, Table> tables(String xml) {
        Map<String, Table> tables = new LinkedHashMap<>();
        if (xml == null) {
            return tables;
        }
        Definitions definitions;
        try {
            definitions = MARSHALLER.unmarshal(new StringReader(xml));
        } catch (RuntimeException unreadable) {
            return tables;
        }
        if (definitions == null) {
            return tables;
        }
        for (Decision decision : definitions.findAllChildren(Decision.class)) {
            if (decision.getExpression() instanceof DecisionTable table) {
                // a rejected version may lack names: key by id then, rather than fail the whole diff
                String name = decision.getName() != null ? decision.getName() : String.valueOf(decision.getId());
                List<String> inputs = table.getInput().stream()
                        .map(i -> i.getLabel() != null ? i.getLabel() : text(i.getInputExpression())).toList();
                List<String> outputs = table.getOutput().stream()
                        .map(o -> o.getName() != null ? o.getName() : o.getLabel() != null ? o.getLabel() : name)
                        .toList();
                List<Row> rows = table.getRule().stream().map(DecisionTableDiff::row).toList();
                tables.put(name, new Table(name, inputs, outputs, rows));
            }
        }
        return tables;
    }

    private static Row row(DecisionRule rule) {
        return new Row(rule.getId(),
                rule.getInputEntry().stream().map(DecisionTableDiff::text).toList(),
                rule.getOutputEntry().stream().map(DecisionTableDiff::text).toList(),
                annotations(rule));
    }

    /** Row annotations; DMN 1.1 has none (kie's 1.1 model throws rather than answer an empty list). */
    private static List<String> annotations(DecisionRule rule) {
        try {
            return rule.getAnnotationEntry().stream().map(RuleAnnotation::getText).map(t -> t == null ? "" : t.strip())
                    .toList();
        } catch (UnsupportedOperationException dmn11) {
            return List.of();
        }
    }

    private static String text(UnaryTests tests) {
        return tests == null || tests.getText() == null ? "" : tests.getText().strip();
    }

    private static String text(LiteralExpression expression) {
        return expression == null || expression.getText() == null ? "" : expression.getText().strip();
    }
}
