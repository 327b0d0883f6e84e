package io.windrow.udf;

import java.sql.Date;
import java.sql.Timestamp;

/**
 * The four-row table most of OpenMLDB's test_udaf_function.yaml cases use (partition "aa", ordered
 * by c7, ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), as Spark external values.
 */
final class YamlData {
    static final Object[] C2 = {(short) 1, (short) 4, (short) 3, null};
    static final Object[] C3 = {1, 4, 3, null};
    static final Object[] C4 = {30L, 33L, 32L, null};
    static final Object[] C5 = {1.1f, 1.4f, 1.3f, null};
    static final Object[] C6 = {2.1d, 2.4d, 2.3d, null};
    static final Object[] C7 = {ts(1590738990000L), ts(1590738991000L), ts(1590738992000L), ts(1590738993000L)};
    static final Object[] C8 = {date("2020-05-01"), date("2020-05-03"), date("2020-05-02"), null};
    static final Object[] C9 = {"a", "c", "b", null};
    static final Object[] C10 = {true, false, true, null};

    private YamlData() {}

    static Timestamp ts(long millis) {
        return new Timestamp(millis);
    }

    static Date date(String text) {
        return Date.valueOf(text);
    }
}
