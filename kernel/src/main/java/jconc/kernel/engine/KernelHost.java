package jconc.kernel.engine;

import java.util.Map;
import jconc.kernel.display.Displays;
import jconc.spi.DisplayHandle;
import jconc.spi.DynamicClasses;
import jconc.spi.Host;
import jconc.spi.Rich;

/** The helper API's view of the kernel: cells as owners and output targets, JShell's classes. */
public final class KernelHost implements Host {
    private final CellExecutionControl control;

    KernelHost(CellExecutionControl control) {
        this.control = control;
    }

    @Override
    public Runnable propagate(Runnable task) {
        return Cells.user().<Runnable>map(cell -> () -> Cells.runAs(cell, task)).orElse(task);
    }

    @Override
    public Object owner() {
        return Cells.current();
    }

    @Override
    public DisplayHandle display(Rich content) {
        return Cells.user().map(cell -> Displays.show(cell.output(), content)).orElseGet(() -> Host.super.display(content));
    }

    @Override
    public DynamicClasses dynamicClasses() {
        return new DynamicClasses() {
            @Override
            public Map<String, byte[]> classBytes() {
                return control.classBytes();
            }

            @Override
            public ClassLoader classLoader() {
                return control.snippetLoader();
            }
        };
    }

    @Override
    public ThreadGroup userThreads() {
        return Cells.userThreads();
    }
}
