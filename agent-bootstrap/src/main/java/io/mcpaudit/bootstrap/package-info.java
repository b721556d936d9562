/**
 * The bridge between advice inlined into application classes and the agent.
 *
 * <p>Everything here is loaded by the bootstrap class loader, so it is visible from any class loader
 * (Spring Boot fat jars, servlet containers). It therefore depends on the JDK only, holds no
 * application types (SDK objects travel as {@code Object}), and never throws into its callers.
 * The agent proper lives in an isolated class loader and plugs in through {@link
 * io.mcpaudit.bootstrap.CallSink}.
 */
package io.mcpaudit.bootstrap;
