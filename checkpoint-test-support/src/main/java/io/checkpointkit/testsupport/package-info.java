/**
 * Helpers that the modules' tests share (a dependency in test scope, never in main code).
 *
 * <p>Entry points: {@link io.checkpointkit.testsupport.FaultProxy} (break the network between a
 * store and its server), {@link io.checkpointkit.testsupport.FaultWorkload} and
 * {@link io.checkpointkit.testsupport.FaultRounds} (load and invariants during faults, reported as
 * a {@link io.checkpointkit.testsupport.WorkloadReport}), and
 * {@link io.checkpointkit.testsupport.LocalRedisProcess} /
 * {@link io.checkpointkit.testsupport.LocalRedisCluster} (Redis servers started by a test).
 */
package io.checkpointkit.testsupport;
