package jconc.kernel.engine;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of cell classes: exits go to {@code Trap}, and a stop check runs at
 * every method entry and before every backward branch.
 */
final class Instrumenter {
    private static final String TRAP = "jconc/kernel/engine/runtime/Trap";

    private Instrumenter() {
    }

    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
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
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                    && name.equals("exit") && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, name, "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, TRAP, "check", "()V", false);
        }
    }
}
