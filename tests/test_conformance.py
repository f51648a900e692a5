"""The Jupyter project's own kernel test suite (jupyter_kernel_test), against jconc on each JDK."""
import unittest

import jupyter_kernel_test

from conftest import KERNELS


class JconcConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "jconc"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "\"abc\".toUpperCa", "matches": {"toUpperCase("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 5;", "void f() { }", "class A { }", "%lsmagic", ""]
    incomplete_code_samples = ["void f() {", "class A {", "for (int i = 0; i < 3; i++) {", "int x = (1 +"]
    invalid_code_samples = ["int x = 5 6 7 8 9 +}"]

    code_page_something = "Math.max?"
    code_generate_error = 'throw new IllegalStateException("this cell fails");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"jconc\"", "result": "\"jconc\""},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display(svg("<svg xmlns=\'http://www.w3.org/2000/svg\'/>"));', "mime": "image/svg+xml"},
    ]
    code_history_pattern = "6 * *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"


# One class per available JDK; pytest collects each as its own suite.
for _name in KERNELS[1:]:
    globals()["JconcConformance_" + _name.replace("-", "_")] = type(
        "JconcConformance_" + _name.replace("-", "_"), (JconcConformance,), {"kernel_name": _name})

if __name__ == "__main__":
    unittest.main()
