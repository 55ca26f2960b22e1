package io.arbiter.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.feel.lang.FEELDialect;
import org.kie.dmn.model.api.DMNElement;
import org.kie.dmn.model.api.DMNModelInstrumentedBase;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.FunctionDefinition;
import org.kie.dmn.model.api.FunctionKind;
import org.kie.dmn.model.api.LiteralExpression;
import org.kie.dmn.model.api.UnaryTests;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

import io.arbiter.bundle.CompilationMessage;

/**
 * A DMN model is code too. Its XML is read once, safely ({@link XmlSafety}), and checked on that syntax tree, which
 * holds everything kie's reader can see: function definitions may only be FEEL (kind Java or PMML, or DMN 1.1's
 * {@code drools:kind} J or P, call code outside the model), imports may only import other DMN models, expression
 * languages may only be FEEL or B-FEEL, and no FEEL text (every {@code <text>} element, wherever it is nested) may
 * define an external function ({@link FeelSafety}). Last, kie's own reader must find a model in it.
 */
final class DmnSafety {

    private static final Set<String> DMN_MODEL_NAMESPACES = Set.of(
            org.kie.dmn.model.v1_1.KieDMNModelInstrumentedBase.URI_DMN,
            org.kie.dmn.model.v1_2.KieDMNModelInstrumentedBase.URI_DMN,
            org.kie.dmn.model.v1_3.KieDMNModelInstrumentedBase.URI_DMN,
            org.kie.dmn.model.v1_4.KieDMNModelInstrumentedBase.URI_DMN,
            org.kie.dmn.model.v1_5.KieDMNModelInstrumentedBase.URI_DMN,
            org.kie.dmn.model.v1_6.KieDMNModelInstrumentedBase.URI_DMN);
    private static final Set<String> FEEL_NAMESPACES = Set.of(
            org.kie.dmn.model.v1_1.KieDMNModelInstrumentedBase.URI_FEEL,
            org.kie.dmn.model.v1_2.KieDMNModelInstrumentedBase.URI_FEEL,
            org.kie.dmn.model.v1_3.KieDMNModelInstrumentedBase.URI_FEEL,
            org.kie.dmn.model.v1_4.KieDMNModelInstrumentedBase.URI_FEEL,
            org.kie.dmn.model.v1_5.KieDMNModelInstrumentedBase.URI_FEEL,
            org.kie.dmn.model.v1_6.KieDMNModelInstrumentedBase.URI_FEEL,
            FEELDialect.BFEEL.getNamespace());
    /** A function's kind in DMN 1.2 and later, and in DMN 1.1 with kie's extension attribute (F, J, P). */
    private static final Set<String> FEEL_KINDS = Set.of("FEEL", "F");

    private static final DMNMarshaller MARSHALLER = DMNMarshallerFactory.newDefaultMarshaller();

    private DmnSafety() {
    }

    static List<CompilationMessage> check(String file, String xml) {
        ModelScan scan = new ModelScan(file);
        List<CompilationMessage> errors = new ArrayList<>(XmlSafety.read(file, xml, scan));
        if (!errors.isEmpty()) {
            return errors;
        }
        if (!scan.rootIsDmn) {
            errors.add(CompilationMessage.error(file, "not a DMN model: the root element is not <definitions> of a DMN"
                    + " version kie reads (1.1 to 1.6)"));
            return errors;
        }
        errors.addAll(scan.errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        Definitions definitions = MARSHALLER.unmarshal(xml);
        if (definitions == null) {
            errors.add(CompilationMessage.error(file, "not a DMN model kie's reader accepts; see the DMN schema"));
            return errors;
        }
        modelTree(file, definitions, errors);
        return errors;
    }

    /**
     * The same checks on the model as kie's reader built it, every element visited: what kie compiles is this
     * tree, so a text the XML scan and kie's reader would split differently is checked both ways.
     */
    private static void modelTree(String file, DMNModelInstrumentedBase element, List<CompilationMessage> errors) {
        if (element instanceof FunctionDefinition function && function.getKind() != null
                && function.getKind() != FunctionKind.FEEL) {
            errors.add(modelError(file, element, "function definitions of kind " + function.getKind().value()
                    + " call code outside the model and are not allowed; only FEEL functions are"));
        }
        String text = element instanceof LiteralExpression literal ? literal.getText()
                : element instanceof UnaryTests tests ? tests.getText() : null;
        if (text != null) {
            for (FeelSafety.Finding finding : FeelSafety.findings(text)) {
                errors.add(modelError(file, element, finding.what()));
            }
        }
        for (DMNModelInstrumentedBase child : element.getChildren()) {
            modelTree(file, child, errors);
        }
    }

    private static CompilationMessage modelError(String file, DMNModelInstrumentedBase element, String text) {
        String id = element instanceof DMNElement named ? named.getId() : null;
        Integer line = element.getLocation() == null ? null : element.getLocation().getLineNumber();
        return new CompilationMessage(file, id, line, CompilationMessage.Severity.ERROR, text);
    }

    /** Walks the elements once, checking each construct where it stands. */
    private static final class ModelScan extends DefaultHandler {
        private final String file;
        private final List<CompilationMessage> errors = new ArrayList<>();
        private Locator locator;
        private boolean rootSeen;
        private boolean rootIsDmn;
        private StringBuilder text;
        private int textLine;

        ModelScan(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (!rootSeen) {
                rootSeen = true;
                rootIsDmn = localName.equals("definitions") && DMN_MODEL_NAMESPACES.contains(uri);
            }
            for (int i = 0; i < attributes.getLength(); i++) {
                attribute(localName, attributes.getLocalName(i), attributes.getValue(i));
            }
            if (localName.equals("import") && !DMN_MODEL_NAMESPACES.contains(String.valueOf(attributes.getValue("importType")))) {
                error("<import importType=\"" + attributes.getValue("importType") + "\"> is not allowed; a model may"
                        + " import other DMN models of the bundle only");
            }
            if (text != null) {
                error("<text> holds FEEL text only, not a <" + localName + "> element");
            }
            if (localName.equals("text")) {
                text = new StringBuilder();
                textLine = locator.getLineNumber();
            }
        }

        private void attribute(String element, String name, String value) {
            if (name.equals("kind") && !FEEL_KINDS.contains(value.strip())) {
                error("<" + element + " kind=\"" + value + "\">: function definitions of kind Java or PMML call code"
                        + " outside the model and are not allowed; only FEEL functions are");
            } else if (name.equals("expressionLanguage") && !value.isBlank() && !FEEL_NAMESPACES.contains(value.strip())) {
                error("<" + element + " expressionLanguage=\"" + value + "\"> is not allowed; expressions are FEEL"
                        + " (or B-FEEL)");
            }
        }

        @Override
        public void processingInstruction(String target, String data) {
            if (text != null) {
                error("<text> holds FEEL text only, not a processing instruction");
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (localName.equals("text") && text != null) {
                for (FeelSafety.Finding finding : FeelSafety.findings(text.toString())) {
                    errors.add(new CompilationMessage(file, null, textLine + finding.line() - 1,
                            CompilationMessage.Severity.ERROR, finding.what() + ", column " + finding.column()));
                }
                text = null;
            }
        }

        private void error(String message) {
            errors.add(new CompilationMessage(file, null, locator.getLineNumber(), CompilationMessage.Severity.ERROR, message));
        }
    }
}
