package jconc.kernel.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A {@code jupyter} command for tests: at a given place, answering with a given function. */
final class FakeJupyter implements Jupyter {
    final List<Map<String, String>> environments = new ArrayList<>();
    private final Optional<String> location;
    private final Function<List<String>, Optional<String>> answers;

    FakeJupyter(String location, Function<List<String>, Optional<String>> answers) {
        this.location = Optional.ofNullable(location);
        this.answers = answers;
    }

    /** No jupyter on PATH. */
    static FakeJupyter absent() {
        return new FakeJupyter(null, args -> Optional.empty());
    }

    @Override
    public Optional<String> location() {
        return location;
    }

    @Override
    public Optional<String> run(Map<String, String> extraEnv, String... args) {
        environments.add(extraEnv);
        return location.isEmpty() ? Optional.empty() : answers.apply(List.of(args));
    }
}
