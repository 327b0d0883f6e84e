/**
 * The scalar-function catalog: every built-in scalar function of OpenMLDB that applies offline, with
 * its signatures, result type, NULL rule and OpenMLDB's exact results, looked up through
 * {@link io.windrow.udf.scalar.ScalarCatalog#standard()}.
 *
 * <p>Where to look: {@code Declared} and {@code Overload} are the framework (a function is a table
 * of overloads, parameter types to result type plus an implementation, NULL in NULL out unless it
 * says otherwise; generic ones bind themselves); {@code Conversions} holds OpenMLDB's implicit
 * conversions of arguments and the common type of values meeting in one result. The families:
 * {@code ConditionalScalars}, {@code StringScalars} (with {@code TextMatching}), {@code TimeScalars},
 * {@code MathScalars}, {@code FeatureZeroScalars} (split/join lists), {@code HashScalars},
 * {@code JsonScalars}; {@code StandardScalars} lists them.
 *
 * <p>Rules decided here (checked against OpenMLDB's sources, documentation and yaml cases, see the
 * tests):
 * <ul>
 *   <li>Overloads: the cheapest implicit conversion wins (integers widen, then go to double before
 *       float; a bool converts to double only where OpenMLDB declares a math function for any
 *       arithmetic argument); an untyped NULL fits no typed parameter (OpenMLDB rejects
 *       {@code like_match(s, NULL)}).</li>
 *   <li>Strings are bytes: lengths and positions count UTF-8 bytes, comparisons are bytewise, case
 *       mapping touches ASCII only.</li>
 *   <li>Time is UTC+8 whatever the session zone ({@link io.windrow.udf.support.OpenMldbTime}).</li>
 *   <li>Functions reading the current time are rejected when bound.</li>
 *   <li>A bound function that implements {@link io.windrow.udf.scalar.SparkNative} claims Spark's
 *       expression gives the same results; a test checks every such claim on edge values.</li>
 * </ul>
 */
package io.windrow.udf.scalar;
