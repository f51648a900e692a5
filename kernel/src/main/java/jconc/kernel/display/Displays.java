package jconc.kernel.display;

import java.util.Map;
import java.util.UUID;
import jconc.kernel.protocol.CellOutput;
import jconc.spi.DisplayHandle;
import jconc.spi.Rich;

/** Shows values in a cell as display_data, with a handle that updates them in place. */
public final class Displays {
    private Displays() {
    }

    /** Shows {@code value} in {@code output}; the handle's updates replace it. */
    public static DisplayHandle show(CellOutput output, Object value) {
        Handle shown = showUpdatable(output, value);
        return shown::update;
    }

    /** A handle that works for any value, not only {@link Rich} content. */
    public static final class Handle {
        private final CellOutput output;
        private final String id;

        Handle(CellOutput output, String id) {
            this.output = output;
            this.id = id;
        }

        public void update(Object value) {
            output.display(Renderer.bundle(value), Map.of(), id, true);
        }
    }

    /** Shows {@code value} and returns a handle for later updates of any value. */
    public static Handle showUpdatable(CellOutput output, Object value) {
        String id = UUID.randomUUID().toString();
        output.display(Renderer.bundle(value), Map.of(), id, false);
        return new Handle(output, id);
    }
}
