/**
 * Byte Buddy instrumentation of the MCP Java SDK's server side.
 *
 * <p>Advice is inlined into SDK classes, so its bytecode runs in the application's class loader. It
 * may use SDK and Reactor types (they resolve there) and the bootstrap bridge, but nothing else of the
 * agent: no helper methods, no lambdas. That is why each advice repeats the few lines that attach the
 * capture callbacks to the dispatch method's {@code Mono} rather than calling a shared helper; a helper
 * that names Reactor types would have to be injected into every application class loader.
 *
 * <p>Each {@link io.mcpaudit.instrumentation.api.TypeInstrumentation} names one SDK type and the
 * methods and fields its advice needs; {@link io.mcpaudit.instrumentation.api.CompatibilityCheck}
 * leaves a type of another shape untouched, and {@code SdkReferenceCheckTest} checks every
 * instrumentation against released SDK jars at build time.
 */
package io.mcpaudit.instrumentation.mcpsdk;
