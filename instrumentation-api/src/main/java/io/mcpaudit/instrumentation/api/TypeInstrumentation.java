package io.mcpaudit.instrumentation.api;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One SDK type and the advice applied to it. A type is instrumented only when every advice finds its
 * method and every field the advice reads exists; otherwise it is left alone (see {@link
 * CompatibilityCheck}). Where the SDK moved a method between versions, the type matcher selects the
 * version line, so each instrumentation is all-or-nothing.
 */
public interface TypeInstrumentation {

  ElementMatcher<TypeDescription> typeMatcher();

  List<MethodAdvice> advice();

  /** Fields of the instrumented type that advice reads with {@code @Advice.FieldValue}. */
  default List<String> requiredFields() {
    return List.of();
  }
}
