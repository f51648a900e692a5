package jconc.kernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc of the helper API (package {@code jconc}) for inspect: JShell finds javadoc only in
 * the JDK's sources, so the helper API's sources travel in the jar under {@code jconc-sources/}.
 */
final class HelperDocs {
    private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

    private HelperDocs() {
    }

    /** The javadoc for a JShell documentation signature naming a jconc type or member, or null. */
    static String find(String signature) {
        String head = signature.contains("(") ? signature.substring(0, signature.indexOf('(')) : signature;
        head = head.substring(head.lastIndexOf(' ') + 1);
        if (head.startsWith("jconc.")) {
            head = head.substring(6);
        }
        String type = head.contains(".") ? head.substring(0, head.indexOf('.')) : head;
        String member = head.contains(".") ? head.substring(head.lastIndexOf('.') + 1) : null;
        String source = source(type);
        if (source == null) {
            return null;
        }
        String declaration = member == null || !signature.contains("(")
                ? "(class|interface|record|enum)\\s+" + Pattern.quote(type) + "\\b"
                : "\\b" + Pattern.quote(member == null ? type : member) + "\\s*\\(";
        Matcher comment = COMMENT.matcher(source);
        Pattern decl = Pattern.compile(declaration);
        while (comment.find()) {
            int end = comment.end();
            int lineEnd = source.indexOf('{', end);
            int semi = source.indexOf(';', end);
            int stop = lineEnd < 0 ? semi : (semi < 0 ? lineEnd : Math.min(lineEnd, semi));
            if (stop < 0) {
                continue;
            }
            if (decl.matcher(source.substring(end, stop)).find()) {
                return Javadoc.toText(comment.group(1).replaceAll("(?m)^\\s*\\* ?", ""));
            }
        }
        return null;
    }

    private static String source(String type) {
        try (InputStream in = HelperDocs.class.getResourceAsStream("/jconc-sources/jconc/" + type + ".java")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
