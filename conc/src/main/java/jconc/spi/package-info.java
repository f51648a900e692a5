/**
 * The small surface between the helper API and the environment that runs it (a notebook
 * kernel, or a plain program): context propagation, rich display, dynamic classes for child
 * JVMs, and cleanup of owned resources. The helper API depends on nothing else.
 */
package jconc.spi;
