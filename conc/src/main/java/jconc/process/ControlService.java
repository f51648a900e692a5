package jconc.process;

import jconc.process.ChildContract.ControlOp;
import jconc.process.ChildContract.Hello;
import jconc.process.ChildContract.Result;

/** Internal: the parent's side of the control protocol ({@link ChildContract}). */
final class ControlService implements Service {
    @Override
    public Object handle(String op, Object[] args, Link from) {
        switch (Service.op(ControlOp.class, op)) {
            case HELLO -> {
                Worker w = WorkerRegistry.byToken(Hello.of(args).token());
                if (w == null) {
                    from.close();
                } else {
                    w.connected(from);
                }
                return null;
            }
            case RESULT -> {
                Result r = Result.of(args);
                Worker w = WorkerRegistry.byToken(r.token());
                if (w != null) {
                    w.finished(r);
                }
                return null;
            }
            case CLASS -> {
                return ClassShipment.bytesOf((String) args[0]);
            }
            default -> throw new IllegalArgumentException("unknown control operation " + op);
        }
    }
}
