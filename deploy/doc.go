// Package deploy holds no code: it is where Crosscheck's deployment files
// live, and its tests check them.
//
//   - kubernetes/: an Indexed Job running N shards of "crosscheck run"
//     onto a shared volume, the merge Job, and a CronJob that runs both
//     every night;
//   - slurm/: an array job script (one shard per task), the dependent
//     merge job, and submit.sh which submits both;
//   - ../Dockerfile: the image the Kubernetes jobs run.
//
// The Slurm test (slurm_test.go) starts a one-node Slurm cluster in a
// temporary directory, runs a four-shard array and the merge through the
// scripts of slurm/, and checks that the merged report equals a single
// run over the same tests. It needs root, Debian's slurm-wlm and munge
// packages, and CROSSCHECK_SLURM_TEST=1 (make slurm-test sets it);
// otherwise it skips with a message saying which is missing.
package deploy
