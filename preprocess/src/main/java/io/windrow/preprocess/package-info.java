/**
 * Turns the feature table into the integer id tables a DeepFM embeds, in two modes.
 *
 * <p><b>openmldb-compat</b> ({@link io.windrow.preprocess.compat.CompatPreprocessor}) reproduces
 * the OpenMLDB JD demo's preprocess.py: Label/I1..I13/C1..C28, xxHash64(str(value), seed 10) as
 * int64 ({@link io.windrow.preprocess.XxHash64}, lz4-java), positional 80/10/10 split into train,
 * test, val, table sizes = distinct hashed values per column, data_info.txt. Two decisions the
 * demo leaves open: (1) <i>string form</i>: the demo hashes {@code str()} of what pandas read
 * from OpenMLDB's CSV, so integers print as {@code 123}, but as {@code 123.0} when the column
 * holds a NULL (pandas makes it float64); floats print as Python's repr of the CSV text
 * ({@link io.windrow.preprocess.PythonRepr}); NULL, {@code ""} and pandas' NA markers ("NULL",
 * "nan", ...) print as {@code nan}; timestamps as epoch milliseconds
 * ({@link io.windrow.preprocess.compat.PandasCsvText}); (2) <i>row order</i>: the demo's split
 * follows file order; ours sorts by event time, then request id, then every output column, so it
 * does not depend on partitioning. On the JD sample this gives the seed's table_size_array.
 *
 * <p><b>default</b> ({@link io.windrow.preprocess.DefaultPreprocessor}): label rule, feature
 * selection, split by time (or key hash), encodings fitted on train only, held as
 * {@link io.windrow.preprocess.FittedPreprocessor} and saved as a Spark MLlib pipeline
 * ({@link io.windrow.preprocess.PreprocessPipeline}, {@code pipeline/}; its Windrow stages are in
 * {@code io.windrow.preprocess.ml}) which {@code score} and notebooks apply with
 * {@code PipelineModel.load(path).transform(dataset)}, and as {@code fitted.json} for
 * {@code FittedPreprocessor.encode(Map<String, ?> row)} without Spark.
 */
package io.windrow.preprocess;
