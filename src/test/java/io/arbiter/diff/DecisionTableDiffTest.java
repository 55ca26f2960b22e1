package io.arbiter.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Rows added, removed and changed between two versions of the shipped value-tier table. */
class DecisionTableDiffTest {

    private static final String VALUE_TIER = shipped("dmn/value-tier.dmn");

    @Test
    void identicalFilesHaveNoDifferences() {
        assertTrue(DecisionTableDiff.between(Map.of("value-tier.dmn", VALUE_TIER), Map.of("value-tier.dmn", VALUE_TIER)).isEmpty());
    }

    @Test
    void aChangedCellIsOneChangedRowMatchedById() {
        String after = VALUE_TIER.replace("<text>&gt; 365</text>", "<text>&gt; 380</text>");
        List<DecisionTableDiff.TableDiff> diffs = DecisionTableDiff.between(
                Map.of("value-tier.dmn", VALUE_TIER), Map.of("value-tier.dmn", after));
        assertEquals(1, diffs.size());
        DecisionTableDiff.TableDiff diff = diffs.get(0);
        assertEquals("valueTier", diff.decision());
        assertEquals(List.of("clv", "recencyDays", "pAlive", "tenureMonths", "monetary12m", "frequency12m"), diff.inputColumns());
        assertEquals(1, diff.changed().size());
        assertEquals("vt-r01", diff.changed().get(0).after().id());
        assertEquals("> 365", diff.changed().get(0).before().inputs().get(1));
        assertEquals("> 380", diff.changed().get(0).after().inputs().get(1));
        assertTrue(diff.added().isEmpty() && diff.removed().isEmpty());
        assertEquals(21, diff.unchanged());
    }

    @Test
    void rowsAddedAndRemovedAreReportedWithTheirCells() {
        String removedRow = VALUE_TIER.replaceFirst("(?s)<rule id=\"vt-r02\">.*?</rule>", "");
        String renamed = removedRow.replace("<rule id=\"vt-r03\">", "<rule id=\"vt-r03b\">");
        DecisionTableDiff.TableDiff diff = DecisionTableDiff.between(
                Map.of("value-tier.dmn", VALUE_TIER), Map.of("value-tier.dmn", renamed)).get(0);
        assertEquals(List.of("vt-r02", "vt-r03"), diff.removed().stream().map(DecisionTableDiff.Row::id).toList());
        assertEquals(List.of("vt-r03b"), diff.added().stream().map(DecisionTableDiff.Row::id).toList());
        assertEquals(List.of("\"BRONZE\""), diff.removed().get(0).outputs());
        assertEquals(List.of("\"PLATINUM\""), diff.added().get(0).outputs());
    }

    @Test
    void aModelOnlyInTheNewVersionIsAllAdded() {
        DecisionTableDiff.TableDiff diff = DecisionTableDiff.between(Map.of(), Map.of("value-tier.dmn", VALUE_TIER)).get(0);
        assertEquals(22, diff.added().size());
        assertEquals(0, diff.unchanged());
    }

    private static String shipped(String resource) {
        try (InputStream in = DecisionTableDiffTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDecisionWithoutNameIsKeyedByItsIdInsteadOfFailingTheDiff() {
        String nameless = VALUE_TIER.replace("<decision id=\"_valueTier\" name=\"valueTier\">", "<decision id=\"_valueTier\">");
        String after = nameless.replace("<text>&gt; 365</text>", "<text>&gt; 380</text>");
        List<DecisionTableDiff.TableDiff> diffs = DecisionTableDiff.between(
                Map.of("value-tier.dmn", nameless), Map.of("value-tier.dmn", after));
        assertEquals(1, diffs.size());
        assertEquals("_valueTier", diffs.get(0).decision());
        assertEquals(1, diffs.get(0).changed().size());
    }
}
