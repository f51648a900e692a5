package jconc.bench;

/** Pipe, Manager and Pool workloads: filled in as the process API gains them. */
final class IpcWorkloads {
    private IpcWorkloads() {
    }

    static void measure(Measure m, double scale) {
    }
}
