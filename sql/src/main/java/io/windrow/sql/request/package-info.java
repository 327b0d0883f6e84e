/**
 * Request mode: the batch engine's typed plan evaluated for one request row, in-process and without
 * Spark, over row histories held in memory ({@link io.windrow.sql.request.RequestEngines} builds a
 * {@link io.windrow.sql.request.RequestEngine}). One class per plan-node kind on the request's path
 * ({@code RequestScan}, {@code RequestProject}, {@code RequestWindow}, {@code RequestLastJoin}); stored
 * inputs are {@code RowPipeline}s feeding {@code WindowHistory}s and {@code JoinIndex}es. Frames are
 * computed by {@link io.windrow.sql.exec.KeyWindows}, the batch window operator's own code.
 */
package io.windrow.sql.request;
