package io.mcpaudit.instrumentation.api;

import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Decides, from the class file alone, whether an SDK type has everything its advice needs. This is
 * the start-time half of a muzzle-style reference check: a version we do not understand is left
 * untouched rather than half-instrumented.
 */
public final class CompatibilityCheck {
  private CompatibilityCheck() {}

  /** Returns null when compatible, else what is missing. */
  public static String missing(TypeInstrumentation instrumentation, TypeDescription type) {
    for (MethodAdvice advice : instrumentation.advice()) {
      boolean found = false;
      for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
        if (advice.methods().matches(method)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return "method " + advice.expected();
      }
    }
    for (String field : instrumentation.requiredFields()) {
      if (type.getDeclaredFields().filter(ElementMatchers.<FieldDescription>named(field)).isEmpty()) {
        return "field " + field;
      }
    }
    return null;
  }
}
