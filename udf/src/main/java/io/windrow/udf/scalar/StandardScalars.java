package io.windrow.udf.scalar;

import java.util.ArrayList;
import java.util.List;

/** The list behind {@link ScalarCatalog#standard()}: every built-in scalar, in listing order, by family. */
final class StandardScalars {
    private StandardScalars() {}

    static List<ScalarFunction> all() {
        List<ScalarFunction> all = new ArrayList<>();
        all.addAll(ConditionalScalars.all());
        all.addAll(StringScalars.all());
        all.addAll(TimeScalars.all());
        all.addAll(MathScalars.all());
        all.addAll(FeatureZeroScalars.all());
        all.addAll(HashScalars.all());
        all.addAll(JsonScalars.all());
        return List.copyOf(all);
    }
}
