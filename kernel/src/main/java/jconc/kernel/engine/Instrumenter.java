package jconc.kernel.engine;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of cell classes: exits go to {@code Trap} (called directly, as a
 * method reference, or reached through reflection or a method handle lookup), and a stop
 * check runs at every method entry and before every backward branch.
 */
final class Instrumenter {
    private static final String TRAP = "jconc/kernel/engine/runtime/Trap";

    private Instrumenter() {
    }

    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS); // the reflection check needs stack
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean hasCode = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
                return hasCode ? new TrapWeaver(mv) : mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class TrapWeaver extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        TrapWeaver(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (seen.contains(target)) {
                check();
            }
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String guard = opcode == Opcodes.INVOKEVIRTUAL ? GUARDED_CALLS.get(owner + "." + name + descriptor) : null;
            if (opcode == Opcodes.INVOKESTATIC && isExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, name, "(Ljava/lang/Runtime;I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && (owner + "." + name + descriptor).equals(METHOD_INVOKE)) {
                // Method.invoke is caller-sensitive: keep the call, check a copy of (method, args) first
                super.visitInsn(Opcodes.DUP2_X1);       // m r a -> r a m r a
                super.visitInsn(Opcodes.POP2);          // -> r a m
                super.visitInsn(Opcodes.DUP_X2);        // -> m r a m
                super.visitInsn(Opcodes.SWAP);          // -> m r m a
                super.visitInsn(Opcodes.DUP_X1);        // -> m r a m a
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "checkInvoke",
                        "(Ljava/lang/reflect/Method;[Ljava/lang/Object;)V", false);
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            } else if (guard != null) {
                // the receiver becomes the guard's first argument
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, guard, "(L" + owner + ";" + descriptor.substring(1), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        /** A method reference ({@code System::exit}) is a method handle constant of an invokedynamic. */
        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] args = arguments.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Handle h) {
                    args[i] = redirect(h);
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(value instanceof Handle h ? redirect(h) : value);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "check", "()V", false);
        }
    }

    private static final String METHOD_INVOKE =
            "java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";

    /**
     * Method handle lookups that can reach an exit at run time (reflection, method handle lookups), as
     * owner.name+descriptor, to the name of the Trap method that checks them first.
     */
    private static final Map<String, String> GUARDED_CALLS = Map.of(
            "java/lang/invoke/MethodHandles$Lookup.findStatic(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", "findStatic",
            "java/lang/invoke/MethodHandles$Lookup.findVirtual(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", "findVirtual",
            "java/lang/invoke/MethodHandles$Lookup.unreflect(Ljava/lang/reflect/Method;)Ljava/lang/invoke/MethodHandle;", "unreflect",
            "java/lang/invoke/MethodHandles$Lookup.bind(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", "bind");

    private static boolean isExit(String owner, String name, String descriptor) {
        return descriptor.equals("(I)V") && (owner.equals("java/lang/System") && name.equals("exit")
                || owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")));
    }

    /** A handle to System.exit, Runtime.exit or Runtime.halt becomes a handle to Trap's version. */
    static Handle redirect(Handle h) {
        if (!isExit(h.getOwner(), h.getName(), h.getDesc())) {
            return h;
        }
        if (h.getTag() == Opcodes.H_INVOKESTATIC) {
            return new Handle(Opcodes.H_INVOKESTATIC, TRAP, "exit", "(I)V", false);
        }
        return new Handle(Opcodes.H_INVOKESTATIC, TRAP, h.getName(), "(Ljava/lang/Runtime;I)V", false);
    }
}
