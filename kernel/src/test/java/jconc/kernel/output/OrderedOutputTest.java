package jconc.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jconc.kernel.engine.RecordingOutput;
import org.junit.jupiter.api.Test;

class OrderedOutputTest {
    private final RecordingOutput sent = new RecordingOutput();
    private final CellStreams streams = new CellStreams(sent);
    private final OrderedOutput output = new OrderedOutput(sent, streams);

    @Test
    void textWrittenBeforeADisplayIsSentBeforeIt() {
        streams.write("stdout", "before\n");
        output.display(Map.of("text/plain", "shown"), Map.of(), "id", false);
        output.result(Map.of("text/plain", "1"));
        assertEquals(List.of("stdout: before\n", "display: {text/plain=shown}", "result: {text/plain=1}"), sent.messages());
    }

    @Test
    void streamTextGoesAfterWhatWasWrittenBeforeAndIsSentAtOnce() {
        streams.write("stderr", "a");
        output.stream("stderr", "b");
        streams.write("stdout", "c");
        assertEquals(List.of("stderr: ab"), sent.messages());
    }
}
