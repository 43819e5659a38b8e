package dev.crossdeploy.localcloud.xml;

import java.util.function.Consumer;

/**
 * A tiny streaming XML writer for AWS response documents: elements, escaped text, nothing else.
 * <pre>{@code
 * Xml x = new Xml().open("Result").leaf("Arn", arn).close();
 * }</pre>
 */
public final class Xml {
    private final StringBuilder out = new StringBuilder();
    private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();

    public Xml declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        return this;
    }

    public Xml open(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens an element with an xmlns attribute. */
    public Xml open(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(xmlns)).append("\">");
        open.push(name);
        return this;
    }

    public Xml close() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>text</name>}; skipped when {@code text} is null. */
    public Xml leaf(String name, Object text) {
        if (text == null) return this;
        out.append('<').append(name).append('>').append(escape(String.valueOf(text)))
                .append("</").append(name).append('>');
        return this;
    }

    /** An element whose children {@code body} writes. */
    public Xml element(String name, Consumer<Xml> body) {
        open(name);
        body.accept(this);
        return close();
    }

    public Xml raw(String xml) {
        out.append(xml);
        return this;
    }

    @Override
    public String toString() {
        while (!open.isEmpty()) close();
        return out.toString();
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
