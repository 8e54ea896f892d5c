package dev.assay.loop.clean;

import dev.assay.AssayException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ExpressionEvaluator;

/**
 * A user's keep-filter: a Java boolean expression over {@link SampleFields} names ({@code
 * passRate, tokens, length, domain, round, rationalized, samples, passed}), e.g. {@code passRate >
 * 0.1 && passRate < 0.9 && tokens < 2048}. {@code java.lang.Math} is usable qualified or not
 * ({@code Math.abs(x)} or {@code abs(x)}).
 *
 * <p>Compiled once with Janino into a static method; {@link #test} invokes it and is thread-safe.
 * Compiling is blocking work (tens of milliseconds): do it when the config is loaded, off the
 * event loop.
 */
public final class SampleFilter {
  private static final String[] NAMES = {
    "passRate", "tokens", "length", "domain", "round", "rationalized", "samples", "passed"
  };
  private static final Class<?>[] TYPES = {
    double.class, int.class, int.class, String.class, int.class, boolean.class, int.class, int.class
  };

  private final String expression;
  private final Method method;

  private SampleFilter(String expression, Method method) {
    this.expression = expression;
    this.method = method;
  }

  /**
   * Compiles {@code expression}.
   *
   * @throws AssayException CONFIG {@code filter '<expr>': <message>} when it is blank, does not
   *     compile, or is not boolean
   */
  public static SampleFilter compile(String expression) {
    if (expression == null || expression.isBlank()) {
      throw AssayException.config("filter '" + (expression == null ? "" : expression) + "': empty expression");
    }
    ExpressionEvaluator ee = new ExpressionEvaluator();
    ee.setParameters(NAMES, TYPES);
    ee.setExpressionType(boolean.class);
    ee.setDefaultImports("static java.lang.Math.*");
    ee.setParentClassLoader(SampleFilter.class.getClassLoader());
    try {
      ee.cook(expression);
    } catch (CompileException e) {
      throw new AssayException(dev.assay.ErrorKind.CONFIG, "filter '" + expression + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new AssayException(dev.assay.ErrorKind.CONFIG, "filter '" + expression + "': " + e, e);
    }
    return new SampleFilter(expression, ee.getMethod());
  }

  /**
   * Whether the sample passes.
   *
   * @throws AssayException CONFIG naming the expression when evaluating it throws (e.g. division by
   *     zero): a filter bug must not silently drop or keep samples
   */
  public boolean test(SampleFields f) {
    try {
      return (Boolean) method.invoke(null, f.passRate(), f.tokens(), f.length(), f.domain(), f.round(),
          f.rationalized(), f.samples(), f.passed());
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      throw new AssayException(dev.assay.ErrorKind.CONFIG,
          "filter '" + expression + "': failed on " + f + ": " + c, c);
    } catch (IllegalAccessException e) {
      throw new AssayException(dev.assay.ErrorKind.INTERNAL, "filter '" + expression + "': " + e, e);
    }
  }

  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return "filter '" + expression + "'";
  }
}
