package io.arbiter.safety;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import io.arbiter.bundle.CompilationMessage;

/**
 * The first reader of every XML file of a bundle, before any other component (kie's marshaller, its validator, the
 * workbench's diff) sees it: a streaming parse with DTDs disallowed and every kind of external access off, so a
 * DOCTYPE is a rejection instead of an entity expansion or a fetch of a URL (SSRF). It also bounds nesting, which
 * kie's recursive unmarshaller would otherwise turn into a stack overflow.
 */
final class XmlSafety {

    /** Far deeper than any DMN model (the shipped ones nest 12 levels; the TCK at most 20). */
    static final int MAX_DEPTH = 256;

    private static final SAXParserFactory FACTORY = factory();

    private XmlSafety() {
    }

    /** Reads {@code xml} safely into {@code handler}; the errors say why it is not acceptable XML. */
    static List<CompilationMessage> read(String file, String xml, DefaultHandler handler) {
        List<CompilationMessage> errors = new ArrayList<>();
        try {
            SAXParser parser;
            synchronized (FACTORY) {
                parser = FACTORY.newSAXParser();
            }
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new StringReader(xml)), new DepthLimit(handler));
        } catch (SAXParseException e) {
            errors.add(new CompilationMessage(file, null, e.getLineNumber() > 0 ? e.getLineNumber() : null,
                    CompilationMessage.Severity.ERROR, describe(e)));
        } catch (SAXException | IOException e) {
            errors.add(CompilationMessage.error(file, "not well-formed XML: " + e.getMessage()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
        return errors;
    }

    private static String describe(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            // the parser refused the declaration itself (disallow-doctype-decl): say why in the analyst's terms
            return "DTDs (<!DOCTYPE ...>) are not allowed in a decision set: they declare entities and can load files"
                    + " from elsewhere; remove the declaration (line " + e.getLineNumber() + ")";
        }
        return "not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message;
    }

    private static SAXParserFactory factory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXNotRecognizedException | org.xml.sax.SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature the gate relies on", e);
        }
        return factory;
    }

    /** Refuses elements nested deeper than {@link #MAX_DEPTH}, passing everything else to the reader's handler. */
    private static final class DepthLimit extends DefaultHandler {
        private final DefaultHandler next;
        private int depth;
        private Locator locator;

        DepthLimit(DefaultHandler next) {
            this.next = next;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            next.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (++depth > MAX_DEPTH) {
                throw new SAXParseException("elements are nested more than " + MAX_DEPTH + " deep", locator);
            }
            next.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            next.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            next.characters(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            next.processingInstruction(target, data);
        }
    }
}
