package jconc.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jconc.kernel.protocol.Interpreter.Ok;
import jconc.kernel.protocol.Interpreter.Outcome;

/** An evaluator that keeps what it is asked to run and answers as the test says. */
public final class RecordingEvaluator implements Evaluator {
    /** One request to evaluate. */
    public record Evaluation(String code, int firstLine, boolean showResult) {
    }

    private final List<Evaluation> evaluated = new ArrayList<>();
    private final List<String> classPath = new ArrayList<>(List.of("kernel.jar"));
    private final Function<String, Outcome> answer;

    public RecordingEvaluator() {
        this(code -> new Ok());
    }

    public RecordingEvaluator(Function<String, Outcome> answer) {
        this.answer = answer;
    }

    public List<Evaluation> evaluated() {
        return evaluated;
    }

    @Override
    public Outcome evaluate(Cell cell, String code, int firstLine, boolean showResult) {
        evaluated.add(new Evaluation(code, firstLine, showResult));
        return answer.apply(code);
    }

    @Override
    public void addToClassPath(String path) {
        classPath.add(path);
    }

    @Override
    public List<String> classPath() {
        return List.copyOf(classPath);
    }
}
