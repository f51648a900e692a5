package jconc;

import jconc.process.Job;

/**
 * The jobs a {@link ChildProcess} sends to its child: a target bound to its arguments. Plain
 * classes rather than records: deserializing a record builds method handles, which costs a
 * child several milliseconds at its start.
 */
final class Jobs {
    private Jobs() {
    }

    static final class Run0 implements Job {
        private final ProcessTask target;

        Run0(ProcessTask target) {
            this.target = target;
        }

        @Override
        public Object call() throws Exception {
            target.run();
            return null;
        }
    }

    static final class Run1<A> implements Job {
        private final ProcessTask1<A> target;
        private final A a;

        Run1(ProcessTask1<A> target, A a) {
            this.target = target;
            this.a = a;
        }

        @Override
        public Object call() throws Exception {
            target.run(a);
            return null;
        }
    }

    static final class Run2<A, B> implements Job {
        private final ProcessTask2<A, B> target;
        private final A a;
        private final B b;

        Run2(ProcessTask2<A, B> target, A a, B b) {
            this.target = target;
            this.a = a;
            this.b = b;
        }

        @Override
        public Object call() throws Exception {
            target.run(a, b);
            return null;
        }
    }

    static final class Run3<A, B, C> implements Job {
        private final ProcessTask3<A, B, C> target;
        private final A a;
        private final B b;
        private final C c;

        Run3(ProcessTask3<A, B, C> target, A a, B b, C c) {
            this.target = target;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        @Override
        public Object call() throws Exception {
            target.run(a, b, c);
            return null;
        }
    }
}
