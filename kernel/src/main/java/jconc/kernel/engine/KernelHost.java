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
        Cell cell = Cells.current();
        if (cell == null || cell == Cell.KERNEL) {
            return task;
        }
        return () -> Cells.runAs(cell, task);
    }

    @Override
    public Object owner() {
        return Cells.current();
    }

    @Override
    public DisplayHandle display(Rich content) {
        Cell cell = Cells.current();
        if (cell == null || cell.output() == null) {
            return Host.super.display(content);
        }
        cell.streams().flush();
        return Displays.show(cell.output(), content);
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
