package io.mcpaudit.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which methods an advice class applies to. {@code expected} describes the method for the log line
 * printed when an SDK version does not have it. The advice class is named, not referenced, so it is
 * never loaded in the agent's class loader; its bytecode is inlined into the SDK class.
 */
public record MethodAdvice(
    ElementMatcher<? super MethodDescription> methods, String adviceClass, String expected) {}
