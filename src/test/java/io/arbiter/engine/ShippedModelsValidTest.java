package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import io.arbiter.repository.ShippedBundles;

/**
 * The shipped models are schema-valid DMN 1.5 without errors, and every DRG element has a diagram shape, which
 * the Apache KIE DMN editor needs to lay the model out.
 */
class ShippedModelsValidTest {

    private static final Pattern DRG_ELEMENT = Pattern.compile("<(?:decision|inputData|businessKnowledgeModel|knowledgeSource)\\s[^>]*id=\"([^\"]+)\"");
    private static final Pattern SHAPE = Pattern.compile("<dmndi:DMNShape\\s[^>]*dmnElementRef=\"([^\"]+)\"");

    @Test
    void modelsValidateWithoutErrors() {
        DMNValidator validator = DMNValidatorFactory.newValidator();
        try {
            for (String[] shipped : List.of(new String[] {"customer-value", "value-tier.dmn"},
                    new String[] {"customer-value", "risk-grade.dmn"}, new String[] {"rfm-segments", "rfm-segment.dmn"})) {
                String file = shipped[1];
                String xml = ShippedBundles.load(shipped[0]).files().get(file);
                assertTrue(xml.contains("https://www.omg.org/spec/DMN/20230324/MODEL/"), file + " is DMN 1.5");
                List<DMNMessage> errors = validator.validate(new StringReader(xml),
                                DMNValidator.Validation.VALIDATE_SCHEMA, DMNValidator.Validation.VALIDATE_MODEL,
                                DMNValidator.Validation.VALIDATE_COMPILATION)
                        .stream().filter(m -> m.getLevel() == org.kie.api.builder.Message.Level.ERROR).toList();
                assertEquals(List.of(), errors, file);
                Set<String> elements = ids(DRG_ELEMENT, xml);
                assertTrue(elements.size() >= 2, file + ": decision and input data found");
                assertEquals(elements, ids(SHAPE, xml), file + ": a diagram shape for every element");
            }
        } finally {
            validator.dispose();
        }
    }

    private static Set<String> ids(Pattern pattern, String xml) {
        Set<String> ids = new HashSet<>();
        Matcher m = pattern.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
