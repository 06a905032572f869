package dev.tlaconform.cli.report;

/** Escaping for the HTML, SVG and XML reports: every piece of text from a trace goes through here. */
public final class Esc {
    private Esc() {}

    /** Text and attribute values of HTML/SVG/XML: {@code & < > " '} escaped, characters XML 1.0 forbids dropped. */
    public static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default:
                    if (allowed(c)) {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }

    /** Drops the characters XML 1.0 forbids (control characters other than tab, LF, CR; lone surrogates kept as-is). */
    public static String xmlChars(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (allowed(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    public static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }
}
