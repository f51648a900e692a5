package jconc.kernel.engine;

/** Javadoc comment text as plain text: tags become words, HTML disappears. */
final class Javadoc {
    private Javadoc() {
    }

    static String toText(String javadoc) {
        String s = javadoc
                .replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1")
                .replaceAll("\\{@(?:link|linkplain) (?:[^} ]* )?([^}]*)}", "$1")
                .replaceAll("(?i)<p>", "\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return s.replaceAll("\n{3,}", "\n\n").strip();
    }
}
