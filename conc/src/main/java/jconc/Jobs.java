package jconc;

import jconc.process.Job;

/** The jobs the public API sends to child processes: a target bound to its arguments. */
final class Jobs {
    private Jobs() {
    }

    record Run0(ProcessTask target) implements Job {
        @Override
        public Object call() throws Exception {
            target.run();
            return null;
        }
    }

    record Run1<A>(ProcessTask1<A> target, A a) implements Job {
        @Override
        public Object call() throws Exception {
            target.run(a);
            return null;
        }
    }

    record Run2<A, B>(ProcessTask2<A, B> target, A a, B b) implements Job {
        @Override
        public Object call() throws Exception {
            target.run(a, b);
            return null;
        }
    }

    record Run3<A, B, C>(ProcessTask3<A, B, C> target, A a, B b, C c) implements Job {
        @Override
        public Object call() throws Exception {
            target.run(a, b, c);
            return null;
        }
    }

    record Call0<R>(ProcessCallable<R> f) implements Job {
        @Override
        public Object call() throws Exception {
            return f.call();
        }
    }

    record Apply1<A, R>(ProcessFunction<A, R> f, A a) implements Job {
        @Override
        public Object call() throws Exception {
            return f.apply(a);
        }
    }

    record Apply2<A, B, R>(ProcessBiFunction<A, B, R> f, A a, B b) implements Job {
        @Override
        public Object call() throws Exception {
            return f.apply(a, b);
        }
    }
}
