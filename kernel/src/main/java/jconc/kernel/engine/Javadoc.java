package jconc.kernel.engine;

/** Javadoc comment text as plain text: tags become words, HTML disappears. */
final class Javadoc {
    private Javadoc() {
    }

    static String toText(String javadoc) {
        String s = javadoc
                .replaceAll("(?s)<pre>\\s*\\{@code\\s*(.*?)}\\s*</pre>", "\n$1")
                .replaceAll("(?s)\\{@code\\s*\n(.*?)\n\\s*}\\s*(\n|$)", "\n$1\n")
                .replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1")
                .replaceAll("\\{@(?:link|linkplain) (?:[^} ]* )?([^}]*)}", "$1")
                .replaceAll("(?i)<p>", "\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("(?i)</?(p|b|i|em|strong|code|pre|ul|ol|li|a|br|h\\d|table|tr|td|th|tt|blockquote|dl|dt|dd)\\b[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return s.replaceAll("\n{3,}", "\n\n").strip();
    }
}
