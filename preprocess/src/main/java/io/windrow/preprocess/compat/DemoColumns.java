package io.windrow.preprocess.compat;

import java.util.List;

/**
 * The OpenMLDB JD demo's renaming of the 42 feature columns: the label column becomes
 * {@code Label} and the 41 others {@code I1..I13} and {@code C1..C28}, in the order the demo
 * writes them ({@code [Label, I1..I13, C1..C28]}) and reports table sizes.
 */
public final class DemoColumns {
    /** The feature output column the demo uses as label. */
    public static final String LABEL_SOURCE = "action_actionValue_multi_direct_2";
    public static final String LABEL = "Label";

    /** (demo name, feature column) in output order, label excluded. */
    public record Renamed(String demoName, String source) {}

    public static final List<Renamed> FEATURES = List.of(
            new Renamed("I1", "flattenRequest_pair_id_window_unique_count_27"),
            new Renamed("I2", "flattenRequest_pair_id_window_top1_ratio_28"),
            new Renamed("I3", "flattenRequest_pair_id_window_top1_ratio_29"),
            new Renamed("I4", "flattenRequest_pair_id_window_unique_count_32"),
            new Renamed("I5", "flattenRequest_pair_id_window_count_35"),
            new Renamed("I6", "bo_comment_bad_comment_rate_multi_max_13"),
            new Renamed("I7", "bo_comment_bad_comment_rate_multi_min_14"),
            new Renamed("I8", "bo_comment_bad_comment_rate_multi_min_15"),
            new Renamed("I9", "bo_comment_comment_num_multi_unique_count_22"),
            new Renamed("I10", "bo_comment_has_bad_comment_multi_unique_count_23"),
            new Renamed("I11", "bo_action_model_id_multi_unique_count_19"),
            new Renamed("I12", "bo_action_model_id_multi_unique_count_20"),
            new Renamed("I13", "bo_action_type_multi_unique_count_21"),
            new Renamed("C1", "reqId_1"),
            new Renamed("C2", "flattenRequest_eventTime_original_0"),
            new Renamed("C3", "flattenRequest_reqId_original_1"),
            new Renamed("C4", "flattenRequest_pair_id_original_24"),
            new Renamed("C5", "flattenRequest_sku_id_original_25"),
            new Renamed("C6", "flattenRequest_user_id_original_26"),
            new Renamed("C7", "flattenRequest_eventTime_dayofweek_41"),
            new Renamed("C8", "flattenRequest_eventTime_isweekday_43"),
            new Renamed("C9", "reqId_3"),
            new Renamed("C10", "bo_product_a1_multi_direct_3"),
            new Renamed("C11", "bo_product_a2_multi_direct_4"),
            new Renamed("C12", "bo_product_a3_multi_direct_5"),
            new Renamed("C13", "bo_product_br_multi_direct_6"),
            new Renamed("C14", "bo_product_cate_multi_direct_7"),
            new Renamed("C15", "bo_product_ingestionTime_multi_direct_8"),
            new Renamed("C16", "bo_user_age_multi_direct_9"),
            new Renamed("C17", "bo_user_ingestionTime_multi_direct_10"),
            new Renamed("C18", "bo_user_sex_multi_direct_11"),
            new Renamed("C19", "bo_user_user_lv_cd_multi_direct_12"),
            new Renamed("C20", "reqId_14"),
            new Renamed("C21", "bo_comment_has_bad_comment_multi_top3frequency_30"),
            new Renamed("C22", "bo_comment_comment_num_multi_top3frequency_33"),
            new Renamed("C23", "reqId_17"),
            new Renamed("C24", "bo_action_br_multi_top3frequency_16"),
            new Renamed("C25", "bo_action_cate_multi_top3frequency_17"),
            new Renamed("C26", "bo_action_model_id_multi_top3frequency_18"),
            new Renamed("C27", "bo_action_type_multi_top3frequency_40"),
            new Renamed("C28", "bo_action_type_multi_top3frequency_42"));

    private DemoColumns() {}
}
